import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, signedIn, type TestApp } from '../support/test-app.js';

// The e-mails the procedure's steps cause, written in the same transaction as the step.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


async function pupilId(firstName: string, lastName: string) {
  return (await t.database.db.selectFrom('pupil').select('id').where('first_name', '=', firstName).where('last_name', '=', lastName).executeTakeFirstOrThrow()).id;
}

const outbox = (pupil: number, kind: string) =>
  t.database.db.selectFrom('mail_outbox').select(['recipient', 'subject', 'text_body', 'next_attempt_at', 'status']).where('pupil_id', '=', pupil).where('kind', '=', kind as never).orderBy('recipient').execute();

describe('courriels des étapes de la procédure', () => {
  it('valider puis se déconnecter envoie un récapitulatif à chaque représentant ayant une adresse, avec la liste finale', async () => {
    const lea = await pupilId('Léa', 'Martin');
    const parent = await signedIn(t, 'famille.aubrac.1');
    const base = `/orientation/${lea}/intentions`;
    await parent.post(`${base}/ajouter`, { track: '2PRO', occupation: 'Ébéniste', schoolStatus: 'on' });
    await parent.post(`${base}/ajouter`, { track: 'CAP' });
    expect((await parent.post(`${base}/valider`, {})).status).toBe(303);
    // Four more edits in the same session.
    for (let edit = 0; edit < 2; edit++) {
      await parent.post(`${base}/modifier`, {});
      await parent.post(`${base}/liste`, { action: 'monter-2' });
      expect((await parent.post(`${base}/valider`, {})).status).toBe(303);
    }
    const pending = await outbox(lea, 'recap');
    expect(pending.map((mail) => mail.recipient)).toEqual(['julien.martin.1a2@example.org', 'sophie.martin.1a1@example.org']);
    expect(pending.every((mail) => mail.next_attempt_at.getTime() > t.clock.now.getTime())).toBe(true);

    await parent.post('/deconnexion', {});
    const released = await outbox(lea, 'recap');
    expect(released).toHaveLength(2);
    expect(released.every((mail) => mail.next_attempt_at.getTime() <= t.clock.now.getTime())).toBe(true);
    const text = released[0]!.text_body;
    expect(text).toContain('Léa');
    expect(text.indexOf('2de professionnelle')).toBeLessThan(text.indexOf('1re année de CAP'));
  });

  it('publier les avis d’une division écrit un courriel par représentant ayant une adresse', async () => {
    const division = await t.database.db
      .selectFrom('division')
      .innerJoin('school', 'school.id', 'division.school_id')
      .select('division.id')
      .where('school.uai', '=', '0990002B')
      .where('division.name', '=', '3e A')
      .executeTakeFirstOrThrow();
    const expected = await t.database.db
      .selectFrom('pupil_representative as pr')
      .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
      .innerJoin('representative as r', 'r.id', 'pr.representative_id')
      .select('r.email')
      .where('p.division_id', '=', division.id)
      .where('r.email', 'is not', null)
      .execute();
    const chef = await signedIn(t, 'chef.zay');
    expect((await chef.post(`/etablissement/divisions/${division.id}/conseil/avis-provisoires/publier`, { confirmation: 'oui' })).status).toBe(303);
    const mails = await t.database.db.selectFrom('mail_outbox').select('recipient').where('kind', '=', 'opinions_published').execute();
    expect(mails.map((m) => m.recipient).sort()).toEqual(expected.map((r) => r.email!).sort());
  });

  it('une réponse papier qui refuse tout met le dossier en dialogue et prévient les deux représentants', async () => {
    const nathan = await pupilId('Nathan', 'Roux');
    const representative = await t.database.db.selectFrom('pupil_representative').select('representative_id').where('pupil_id', '=', nathan).where('position', '=', 1).executeTakeFirstOrThrow();
    const chef = await signedIn(t, 'chef.hugo');
    const response = await chef.post(`/etablissement/eleves/${nathan}/reponse`, { representant: String(representative.representative_id), aucune: 'oui' });
    expect(response.status).toBe(303);
    expect(await outbox(nathan, 'answer_given')).toHaveLength(2);
    const dialogue = await outbox(nathan, 'dialogue');
    expect(dialogue).toHaveLength(2);
    expect(dialogue[0]!.text_body).toContain('Nathan');
    expect(mainText(await (await chef.get(`/etablissement/eleves/${nathan}`)).text())).toContain('en dialogue');
  });
});
