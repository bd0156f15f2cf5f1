import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { Phase } from '../../src/db/schema.js';
import { answerProposals, giveAccord, validateIntentions, type PupilFile, type TransitionResult } from '../../src/domain/file.js';
import { validateWishes } from '../../src/domain/wishes.js';
import type { HistoryActor } from '../../src/history/history.js';
import { enqueueAnswerGiven, enqueueDecision, enqueuePublication, enqueueRecap, flushRecapsOnLogout, RECAP_DELAY_MS } from '../../src/mail/outbox.js';
import { mailProblemsForSchool } from '../../src/mail/queries.js';
import { REMINDER_LEAD_MS, runReminderJob } from '../../src/mail/reminders.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { MailWorker } from '../../src/mail/worker.js';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { saveFile } from '../../src/pupil-file/save.js';
import { createTestDatabase, TEST_SEED_INSTANT } from '../support/database.js';
import { freePort, TestSmtpServer } from '../support/smtp-server.js';

const ORIGIN = 'https://orientation.ac-exemple.fr';
const FROM = 'Orientation <ne-pas-repondre@orientation.invalid>';

let database: DatabaseHandle;
let smtp: TestSmtpServer | null = null;
const workers: MailWorker[] = [];
const clock = { now: TEST_SEED_INSTANT };

beforeEach(async () => {
  database = await createTestDatabase();
  clock.now = TEST_SEED_INSTANT;
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  await smtp?.close();
  smtp = null;
  // The worker marks mails in parallel, so the PostgreSQL pool has several connections: pg's
  // pool.end() resolves before their sockets are closed, and the forced DROP DATABASE of
  // database.close() would then kill them mid-close. Let them close first.
  await database.db.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await database.close();
});

function workerFor(url: string, options: { batchSize?: number } = {}): MailWorker {
  const worker = new MailWorker({
    db: database.db,
    transport: smtpTransport(url),
    from: FROM,
    now: () => clock.now,
    batchSize: options.batchSize ?? 20,
    random: () => 0.5,
  });
  workers.push(worker);
  return worker;
}

async function pupilNamed(firstName: string, lastName: string): Promise<number> {
  const row = await database.db.selectFrom('pupil').select('id').where('first_name', '=', firstName).where('last_name', '=', lastName).executeTakeFirstOrThrow();
  return row.id;
}

async function representative(pupilId: number, position: 1 | 2) {
  const row = await database.db
    .selectFrom('pupil_representative as pr')
    .innerJoin('representative as r', 'r.id', 'pr.representative_id')
    .select(['r.id', 'r.first_name', 'r.last_name', 'r.email'])
    .where('pr.pupil_id', '=', pupilId)
    .where('pr.position', '=', position)
    .executeTakeFirstOrThrow();
  const history: HistoryActor = { kind: 'representative', accountId: null, name: `${row.first_name} ${row.last_name}`, role: 'représentant légal' };
  return { id: row.id, email: row.email!, actor: { kind: 'representative' as const, representativeId: row.id }, history };
}

/** What a family route does: the change and its mail in ONE transaction. */
async function changeAndEnqueue(
  pupilId: number,
  history: HistoryActor,
  action: string,
  transition: (file: PupilFile) => TransitionResult,
  enqueue: (trx: Parameters<typeof saveFile>[0]) => Promise<unknown>,
): Promise<void> {
  const stored = (await loadPupilFile(database.db, pupilId))!;
  const result = transition(stored.file);
  if (!result.ok) throw new Error(result.reason);
  await database.db.transaction().execute(async (trx) => {
    await saveFile(trx, stored, result.file, { at: clock.now, actor: history, action, before: null, after: null });
    await enqueue(trx);
  });
}

const intentions = (raw: unknown[]) => {
  const result = validateWishes(raw, { level: '3e', phase: 'provisional', offer: new Set() });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.list;
};

async function validateLeaIntentions(raw: unknown[]) {
  const lea = await pupilNamed('Léa', 'Martin');
  const parent = await representative(lea, 1);
  await changeAndEnqueue(
    lea,
    parent.history,
    'validateIntentions',
    (file) => validateIntentions(file, parent.actor, clock.now, intentions(raw)),
    (trx) => enqueueRecap(trx, { pupilId: lea, phase: 'provisional', at: clock.now, origin: ORIGIN }),
  );
  return { lea, parent };
}

const outboxRows = () => database.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

describe('les courriels aux familles', () => {
  it('chaque type de courriel arrive aux deux représentants, avec l’objet, le nom de l’enfant et les vœux classés', async () => {
    smtp = await TestSmtpServer.start();
    const worker = workerFor(smtp.url);

    // Récapitulatif des intentions (Léa Martin).
    const { lea } = await validateLeaIntentions([
      { rank: 1, track: 'CAP', occupation: 'Ébéniste', schoolStatus: true, apprenticeStatus: false },
      { rank: 2, track: '2GT' },
    ]);
    const leaParents = [await representative(lea, 1), await representative(lea, 2)];
    await flushRecapsOnLogout(database.db, { representativeId: leaParents[0]!.id, at: clock.now });

    // Avis provisoire publié (Hugo Petit), propositions publiées (Nathan Roux).
    const hugo = await pupilNamed('Hugo', 'Petit');
    const nathan = await pupilNamed('Nathan', 'Roux');
    await database.db.transaction().execute(async (trx) => {
      await enqueuePublication(trx, { pupilId: hugo, phase: 'provisional', at: clock.now, origin: ORIGIN });
      await enqueuePublication(trx, { pupilId: nathan, phase: 'final', at: clock.now, origin: ORIGIN });
    });
    // Réponse de la famille (Nathan), puis accord de l’autre représentant : décision.
    const [nathan1, nathan2] = [await representative(nathan, 1), await representative(nathan, 2)];
    await changeAndEnqueue(
      nathan,
      nathan1.history,
      'answerProposals',
      (file) => answerProposals(file, nathan1.actor, clock.now, { kind: 'accepted', tracks: ['1T-STMG'] }),
      (trx) => enqueueAnswerGiven(trx, { pupilId: nathan, at: clock.now, origin: ORIGIN }),
    );
    await changeAndEnqueue(
      nathan,
      nathan2.history,
      'giveAccord',
      (file) => giveAccord(file, nathan2.actor, clock.now),
      (trx) => enqueueDecision(trx, { pupilId: nathan, at: clock.now, origin: ORIGIN }),
    );

    const result = await worker.drain();
    expect(result.failed).toBe(0);
    const bySubject = (pattern: RegExp) => smtp!.received.filter((mail) => pattern.test(mail.subject));

    const recaps = bySubject(/^Orientation de Léa Martin : récapitulatif des intentions validées$/);
    expect(recaps.map((m) => m.to[0]).sort()).toEqual(leaParents.map((p) => p.email).sort());
    for (const mail of recaps) {
      expect(mail.text).toContain('Léa Martin');
      expect(mail.text).toMatch(/1\. Rang 1 : 1re année de CAP — Métier ou formation : Ébéniste — Sous statut scolaire\n\s+2\. Rang 2 : 2de générale et technologique ou 2de STHR/);
      expect(mail.text).toContain(`${ORIGIN}/orientation/${lea}`);
      expect(mail.text).toMatch(/Prochaine étape : les intentions restent modifiables jusqu’au \d\d\/\d\d\/\d{4} à \d\d h \d\d/);
    }

    const opinions = bySubject(/^Orientation de Hugo Petit : l’avis provisoire du conseil de classe est disponible$/);
    expect(opinions).toHaveLength(2);
    expect(opinions[0]!.text).toMatch(/Rang 1 : .+ — Avis (favorable|réservé|défavorable)/);

    const proposals = bySubject(/^Orientation de Nathan Roux : les propositions du conseil de classe sont disponibles$/);
    expect(proposals.map((m) => m.to[0]).sort()).toEqual([nathan1.email, nathan2.email].sort());
    expect(proposals[0]!.text).toMatch(/Rang 1 : 1re générale.* — Non[\s\S]*Rang 2 : 1re technologique : 1re STMG — Oui/);

    const answers = bySubject(/^Orientation de Nathan Roux : réponse aux propositions/);
    expect(answers).toHaveLength(2);
    const toOther = answers.find((m) => m.to[0] === nathan2.email)!;
    expect(toOther.subject).toContain('votre accord est demandé');
    expect(toOther.text).toContain('accepter : 1re technologique : 1re STMG');
    expect(toOther.text).toMatch(/Rang 2 : 1re technologique : 1re STMG/);
    expect(answers.find((m) => m.to[0] === nathan1.email)!.text).toContain('Vous avez répondu');

    const decisions = bySubject(/^Orientation de Nathan Roux : décision d’orientation$/);
    expect(decisions).toHaveLength(2);
    expect(decisions[0]!.text).toContain('1re technologique : 1re STMG');
    expect(decisions[0]!.text).toMatch(/Rang 1 : 1re générale/);

    for (const mail of smtp.received) {
      expect(mail.html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      expect(mail.text.length).toBeGreaterThan(100);
    }
    const sent = await outboxRows();
    expect(sent.every((row) => row.status === 'sent' && row.smtp_response?.startsWith('250'))).toBe(true);
    expect(smtp.received).toHaveLength(sent.length);
  });

  it('cinq modifications rapides puis la déconnexion : un seul récapitulatif par représentant, avec la liste finale', async () => {
    smtp = await TestSmtpServer.start();
    const worker = workerFor(smtp.url);
    const lists = [
      [{ rank: 1, track: '2GT' }],
      [{ rank: 1, track: 'CAP' }],
      [{ rank: 1, track: '2PRO' }, { rank: 2, track: '2GT' }],
      [{ rank: 1, track: '2GT' }, { rank: 2, track: 'CAP' }],
      [{ rank: 1, track: '2PRO', occupation: 'Menuisier', schoolStatus: false, apprenticeStatus: true }, { rank: 2, track: 'CAP' }, { rank: 3, track: '2GT' }],
    ];
    let parentId = 0;
    for (const list of lists) {
      const { parent } = await validateLeaIntentions(list);
      parentId = parent.id;
      clock.now = new Date(clock.now.getTime() + 60_000);
      // Nothing leaves while the editing session goes on.
      expect((await worker.runOnce()).claimed).toBe(0);
    }
    expect(await outboxRows()).toHaveLength(2);

    await flushRecapsOnLogout(database.db, { representativeId: parentId, at: clock.now });
    await worker.drain();
    expect(smtp.received).toHaveLength(2);
    for (const mail of smtp.received) {
      expect(mail.text).toMatch(/1\. Rang 1 : 2de professionnelle — Métier ou formation : Menuisier — Sous statut d.apprenti/);
      expect(mail.text).toMatch(/2\. Rang 2 : 1re année de CAP\n\s+3\. Rang 3 : 2de générale/);
      expect(mail.text).not.toContain('Rang 4');
    }
    await worker.drain();
    expect(smtp.received).toHaveLength(2);
  });

  it('sans déconnexion, le récapitulatif part 15 minutes après la dernière modification', async () => {
    smtp = await TestSmtpServer.start();
    const worker = workerFor(smtp.url);
    await validateLeaIntentions([{ rank: 1, track: '2GT' }]);
    clock.now = new Date(TEST_SEED_INSTANT.getTime() + RECAP_DELAY_MS - 1000);
    await worker.drain();
    expect(smtp.received).toHaveLength(0);
    clock.now = new Date(TEST_SEED_INSTANT.getTime() + RECAP_DELAY_MS);
    await worker.drain();
    expect(smtp.received).toHaveLength(2);
  });

  it('un serveur de messagerie indisponible aux premières tentatives : le courriel arrive après son retour, une seule fois', async () => {
    const port = await freePort();
    const worker = workerFor(`smtp://127.0.0.1:${port}`);
    const hugo = await pupilNamed('Hugo', 'Petit');
    await database.db.transaction().execute((trx) => enqueuePublication(trx, { pupilId: hugo, phase: 'provisional', at: clock.now, origin: ORIGIN }));

    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await worker.runOnce();
      expect(result).toMatchObject({ claimed: 2, retried: 2 });
      const rows = await outboxRows();
      expect(rows.every((row) => row.status === 'pending' && row.attempts === attempt && row.last_error?.includes('ECONNREFUSED'))).toBe(true);
      // Exponential back-off: 30 s, 60 s, 120 s (no jitter in this test).
      expect(rows[0]!.next_attempt_at.getTime() - clock.now.getTime()).toBe(30_000 * 2 ** (attempt - 1));
      expect((await worker.runOnce()).claimed).toBe(0);
      clock.now = rows[0]!.next_attempt_at;
    }

    smtp = await TestSmtpServer.start({ port });
    await worker.drain();
    clock.now = new Date(clock.now.getTime() + 24 * 60 * 60_000);
    await worker.drain();
    expect(smtp.received).toHaveLength(2);
    expect((await outboxRows()).map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 4],
      ['sent', 4],
    ]);
  });

  it('une adresse refusée (550) : le courriel est en échec sans nouvel essai, et l’établissement le voit', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const refused = (await representative(lea, 2)).email;
    smtp = await TestSmtpServer.start({ rejectRecipient: (address) => address === refused });
    const worker = workerFor(smtp.url);
    await validateLeaIntentions([{ rank: 1, track: '2GT' }]);
    clock.now = new Date(clock.now.getTime() + RECAP_DELAY_MS);
    const result = await worker.drain();
    expect(result).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    const failed = (await outboxRows()).find((row) => row.recipient === refused)!;
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain('550');

    clock.now = new Date(clock.now.getTime() + 48 * 60 * 60_000);
    expect((await worker.drain()).claimed).toBe(0);
    expect(smtp.received.map((m) => m.to[0])).not.toContain(refused);

    const schoolId = (await database.db.selectFrom('pupil').select('school_id').where('id', '=', lea).executeTakeFirstOrThrow()).school_id;
    const problems = await mailProblemsForSchool(database.db, schoolId);
    expect(problems).toContainEqual(expect.objectContaining({ pupilName: 'Léa Martin', problem: 'failing', email: refused }));
    expect(problems.some((p) => p.problem === 'noAddress')).toBe(true);
  });

  it('deux distributeurs en même temps n’envoient jamais deux fois le même courriel', async () => {
    smtp = await TestSmtpServer.start();
    const pupils = await database.db.selectFrom('pupil').select('id').orderBy('id').execute();
    await database.db.transaction().execute(async (trx) => {
      for (const pupil of pupils) {
        const stored = await loadPupilFile(trx, pupil.id);
        if (stored) await enqueuePublication(trx, { pupilId: pupil.id, phase: 'provisional', at: clock.now, origin: ORIGIN, stored });
      }
    });
    const total = (await outboxRows()).length;
    expect(total).toBeGreaterThan(20);
    const [a, b] = [workerFor(smtp.url, { batchSize: 3 }), workerFor(smtp.url, { batchSize: 3 })];
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra.sent + rb.sent).toBe(total);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    expect(smtp.received).toHaveLength(total);
    const ids = smtp.received.map((m) => m.messageId.replace(/\..*$/, ''));
    expect(new Set(ids).size).toBe(total);
  });

  it('une transaction qui échoue après la mise en file n’envoie rien', async () => {
    smtp = await TestSmtpServer.start();
    const worker = workerFor(smtp.url);
    const hugo = await pupilNamed('Hugo', 'Petit');
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueuePublication(trx, { pupilId: hugo, phase: 'provisional', at: clock.now, origin: ORIGIN });
        throw new Error('la publication échoue ensuite');
      }),
    ).rejects.toThrow('la publication échoue ensuite');
    expect(await outboxRows()).toHaveLength(0);
    await worker.drain();
    expect(smtp.received).toHaveLength(0);
  });

  it('le rappel 48 h avant la fermeture, lancé deux fois, ne part qu’une fois par famille', async () => {
    smtp = await TestSmtpServer.start();
    const worker = workerFor(smtp.url);
    const lea = await pupilNamed('Léa', 'Martin');
    const stored = (await loadPupilFile(database.db, lea))!;
    const closesAt = stored.file.campaign.windows.intentions.closesAt!;
    expect(closesAt.getTime()).toBeGreaterThan(TEST_SEED_INSTANT.getTime());
    const at = new Date(closesAt.getTime() - REMINDER_LEAD_MS + 60_000);
    clock.now = at;

    // Too early: nothing.
    expect(await runReminderJob(database.db, { now: new Date(closesAt.getTime() - REMINDER_LEAD_MS - 60_000), origin: ORIGIN })).toBe(0);
    const first = await runReminderJob(database.db, { now: at, origin: ORIGIN });
    const second = await runReminderJob(database.db, { now: new Date(at.getTime() + 3600_000), origin: ORIGIN });
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(0);
    await worker.drain();
    expect(smtp.received).toHaveLength(first);
    const toLea = smtp.received.filter((m) => /Léa Martin/.test(m.subject));
    expect(toLea).toHaveLength(2);
    expect(toLea[0]!.subject).toMatch(/^Rappel — orientation de Léa Martin : la saisie des intentions se termine le \d\d\/\d\d\/\d{4} à \d\d h \d\d$/);
    expect(toLea[0]!.text).toContain('rien n’a encore été validé');
    const recipients = smtp.received.map((m) => m.to[0]);
    expect(new Set(recipients).size).toBe(recipients.length);
  });

  it('une famille qui a déjà validé ses intentions ne reçoit pas de rappel', async () => {
    const { lea } = await validateLeaIntentions([{ rank: 1, track: '2GT' }]);
    const closesAt = (await loadPupilFile(database.db, lea))!.file.campaign.windows.intentions.closesAt!;
    await runReminderJob(database.db, { now: new Date(closesAt.getTime() - REMINDER_LEAD_MS + 60_000), origin: ORIGIN });
    const reminders = await database.db.selectFrom('mail_outbox').select('pupil_id').where('kind', '=', 'reminder').execute();
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.map((r) => r.pupil_id)).not.toContain(lea);
  });

  it('le courriel HTML est en français, a un titre, et ne charge rien de l’extérieur', async () => {
    await validateLeaIntentions([{ rank: 1, track: '2GT' }]);
    const hugo = await pupilNamed('Hugo', 'Petit');
    await database.db.transaction().execute((trx) => enqueuePublication(trx, { pupilId: hugo, phase: 'provisional', at: clock.now, origin: ORIGIN }));
    for (const row of await outboxRows()) {
      const html = row.html_body;
      expect(html).toMatch(/^<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"\/>/);
      expect(html.match(/<title>([^<]+)<\/title>/)?.[1]).toBe(row.subject.replace(/’/g, '’'));
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).not.toMatch(/<(img|script|link|iframe|object|embed|style|video|audio|form)\b/i);
      expect(html).not.toMatch(/\s(src|srcset|background|style)=/i);
      expect(html).not.toMatch(/url\(/i);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href!.startsWith(`${ORIGIN}/`)).toBe(true);
      expect(row.text_body).not.toMatch(/<[a-z]/i);
    }
  });

  it('seuls les représentants qui ont une adresse reçoivent des courriels', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const second = await representative(lea, 2);
    await database.db.updateTable('representative').set({ email: null }).where('id', '=', second.id).execute();
    await validateLeaIntentions([{ rank: 1, track: '2GT' }]);
    const rows = await outboxRows();
    expect(rows.map((row) => row.representative_id)).toEqual([(await representative(lea, 1)).id]);
  });
});

describe('débit du distributeur', () => {
  it('mesure le nombre de courriels envoyés par seconde au serveur SMTP local', async () => {
    smtp = await TestSmtpServer.start();
    const hugo = await pupilNamed('Hugo', 'Petit');
    const stored = (await loadPupilFile(database.db, hugo))!;
    const count = 400;
    const { insertMails } = await import('../../src/mail/outbox.js');
    const { publicationMessage } = await import('../../src/mail/messages.js');
    const content = publicationMessage(stored, 'provisional' as Phase, { id: 1, firstName: 'Nadia', lastName: 'Petit' }, ORIGIN);
    await insertMails(
      database.db,
      Array.from({ length: count }, (_, index) => ({
        kind: 'opinions_published' as const,
        recipient: `famille${index}@example.org`,
        representativeId: null,
        pupilId: hugo,
        phase: 'provisional' as const,
        content,
        notBefore: clock.now,
      })),
      clock.now,
    );
    const worker = workerFor(smtp.url, { batchSize: 20 });
    const started = performance.now();
    const result = await worker.drain();
    const seconds = (performance.now() - started) / 1000;
    expect(result.sent).toBe(count);
    expect(smtp.received).toHaveLength(count);
    const rate = count / seconds;
    console.log(`débit du distributeur (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) : ${count} courriels en ${seconds.toFixed(2)} s, soit ${rate.toFixed(0)} courriels/s`);
    expect(rate).toBeGreaterThan(20);
  });
});
