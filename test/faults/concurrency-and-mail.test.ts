import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, TestSmtpServer } from '../support/smtp-server.js';
import { committedTracks, LISTS, queryDatabase, TRACKS_OF } from './support/family-flow.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { HttpClient, startService } from './support/server-process.js';

// Two representatives validating at the same instant, a hundred times: one wins, the other is
// told. The SMTP server down for a whole evening: no request fails, and every mail leaves once it
// is back. Both on the real service process and a PostgreSQL cluster of the test's own.

const CONCURRENT = 'Les choix ont été modifiés entre-temps par l’autre représentant légal.';
const AUTHOR_LOCK = /Seul le représentant ayant saisi les intentions peut apporter des modifications/;

let postgres: PrivatePostgres;
beforeAll(async () => {
  postgres = await startPrivatePostgres();
});
afterAll(() => {
  postgres?.destroy();
});

const query = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => queryDatabase<T>(postgres.url, text, values);

/** A draft of one list for one pupil, ready to be validated (the steps before « Valider »). */
async function draft(client: HttpClient, pupilId: number, list: keyof typeof LISTS): Promise<void> {
  for (const wish of LISTS[list]) {
    const response = await client.post(`/orientation/${pupilId}/intentions/ajouter`, wish.map(([name, value]) => [name, value] as [string, string]));
    expect(response.status).toBe(303);
  }
}

describe('concurrence et courriel en panne', () => {
  it('deux représentants valident au même instant, cent fois : un seul l’emporte, l’autre en est informé', async () => {
    const service = await startService({ DATABASE_URL: postgres.url });
    try {
      // A hundred siblings of Léa Martin, in her division, with the same two representatives.
      const [lea] = await query<{ id: number; school_id: number; division_id: number }>("select id, school_id, division_id from pupil where first_name = 'Léa' and last_name = 'Martin'");
      const representatives = await query<{ representative_id: number; position: number }>('select representative_id, position from pupil_representative where pupil_id = $1 order by position', [lea!.id]);
      expect(representatives).toHaveLength(2);
      const pupils = await query<{ id: number }>(
        `insert into pupil (school_id, division_id, first_name, last_name) select $1, $2, 'Frère ' || n, 'Martin' from generate_series(1, 100) n returning id`,
        [lea!.school_id, lea!.division_id],
      );
      await query(
        `insert into pupil_representative (pupil_id, representative_id, position) select p, r.representative_id, r.position from unnest($1::int[]) p, (select representative_id, position from pupil_representative where pupil_id = $2) r`,
        [pupils.map((pupil) => pupil.id), lea!.id],
      );

      const first = new HttpClient(service.baseUrl);
      const second = new HttpClient(service.baseUrl);
      await first.login('famille.aubrac.1');
      await second.login('famille.aubrac.2');
      const tally = { firstWins: 0, secondWins: 0, toldConcurrent: 0, toldLocked: 0 };
      for (const pupil of pupils) {
        await draft(first, pupil.id, 'generale');
        await draft(second, pupil.id, 'pro');
        const [a, b] = await Promise.all([first.post(`/orientation/${pupil.id}/intentions/valider`, []), second.post(`/orientation/${pupil.id}/intentions/valider`, [])]);
        const outcomes = [
          { response: a, text: await a.text(), tracks: TRACKS_OF.generale },
          { response: b, text: await b.text(), tracks: TRACKS_OF.pro },
        ];
        const winners = outcomes.filter((outcome) => outcome.response.status === 303);
        expect(winners, `élève ${pupil.id} : ${outcomes.map((o) => o.response.status).join(' / ')}`).toHaveLength(1);
        const loser = outcomes.find((outcome) => outcome.response.status !== 303)!;
        expect([403, 409]).toContain(loser.response.status);
        if (loser.text.includes(CONCURRENT)) tally.toldConcurrent++;
        else if (AUTHOR_LOCK.test(loser.text)) tally.toldLocked++;
        else throw new Error(`le perdant n’est pas informé (${loser.response.status}) : ${loser.text.slice(0, 500)}`);
        if (winners[0] === outcomes[0]) tally.firstWins++;
        else tally.secondWins++;
        expect(await committedTracks(postgres.url, pupil.id)).toEqual(winners[0]!.tracks);
      }
      console.log(`100 validations simultanées : ${tally.firstWins} gagnées par le premier représentant, ${tally.secondWins} par le second ; perdant informé d’un conflit ${tally.toldConcurrent} fois, du verrou de l’auteur ${tally.toldLocked} fois`);
    } finally {
      await service.stop();
    }
  });

  it('le serveur SMTP en panne pendant toute une série de publications : aucune requête n’échoue, chaque courriel part à son retour', async () => {
    const smtpPort = await freePort();
    const service = await startService({ DATABASE_URL: postgres.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    let smtp: TestSmtpServer | null = null;
    try {
      const [{ before }] = (await query<{ before: string }>('select coalesce(max(id), 0) as before from mail_outbox')) as [{ before: string }];
      const chef = new HttpClient(service.baseUrl);
      await chef.login('chef.zay');
      const divisions = await query<{ id: number }>("select d.id from division d join school s on s.id = d.school_id where s.uai = '0990002B' and d.name = '3e A'");
      const publish = await chef.post(`/etablissement/divisions/${divisions[0]!.id}/conseil/avis-provisoires/publier`, { confirmation: 'oui' });
      expect(publish.status).toBe(303);
      // Families keep using the service: pages and a validation, all answered normally.
      const family = new HttpClient(service.baseUrl);
      await family.login('famille.zay.1');
      expect((await family.request('/famille')).status).toBe(200);
      const queued = await query<{ n: string }>('select count(*) as n from mail_outbox where id > $1', [before]);
      const expected = Number(queued[0]!.n);
      expect(expected).toBeGreaterThan(0);

      // A first attempt fails (nothing listens), then the server comes back.
      const deadlineFirstTry = Date.now() + 30_000;
      while ((await query<{ n: string }>("select count(*) as n from mail_outbox where id > $1 and attempts > 0 and status = 'pending'", [before]))[0]!.n === '0') {
        if (Date.now() > deadlineFirstTry) throw new Error(`aucune tentative d’envoi :\n${service.output().slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      smtp = await TestSmtpServer.start({ port: smtpPort });
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [row] = await query<{ pending: string; failed: string }>(
          "select count(*) filter (where status <> 'sent') as pending, count(*) filter (where status = 'failed') as failed from mail_outbox where id > $1",
          [before],
        );
        expect(row!.failed).toBe('0');
        if (row!.pending === '0') break;
        if (Date.now() > deadline) throw new Error(`${row!.pending} courriel(s) toujours en attente`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(smtp.received.length).toBe(expected);
      console.log(`SMTP en panne : ${expected} courriels mis en file pendant la panne, ${smtp.received.length} reçus après son retour, 0 requête en erreur`);
    } finally {
      await service.stop();
      await smtp?.close();
    }
  });
});
