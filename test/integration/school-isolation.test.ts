import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { hashPassword } from '../../src/auth/password.js';
import { createTestApp, signedIn, type TestApp } from '../support/test-app.js';

// A secretary of one school guesses the ids of another school's divisions and pupils: every
// staff route answers « page introuvable » (or refuses the form) and nothing is written.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function everythingWritten() {
  const row = await sql<{ n: string }>`
    select concat_ws('/',
      (select count(*) from history), (select count(*) from mail_outbox), (select count(*) from publication),
      (select coalesce(sum(version), 0) from pupil_file), (select count(*) from user_account),
      (select count(*) from pupil where is_adult), (select count(*) from council_answer), (select count(*) from import_batch), (select count(*) from wish_draft), (select count(*) from school_journal)) as n`.execute(t.database.db);
  return row.rows[0]!.n;
}

describe('cloisonnement entre établissements', () => {
  it('le secrétariat du collège Lucie Aubrac n’atteint rien du collège Jean Zay, quelle que soit l’adresse essayée', async () => {
    const aubrac = await t.database.db.selectFrom('school').select('id').where('uai', '=', '0990001A').executeTakeFirstOrThrow();
    const staff = await t.database.db.insertInto('staff').values({ school_id: aubrac.id, role: 'secretary', first_name: 'Marc', last_name: 'Durand' }).returning('id').executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('user_account')
      .values({ login: 'secretariat.aubrac', role: 'staff', staff_id: staff.id, password_hash: await hashPassword('orientation'), must_change_password: false })
      .execute();
    const division = await t.database.db
      .selectFrom('division')
      .innerJoin('school', 'school.id', 'division.school_id')
      .select('division.id')
      .where('school.uai', '=', '0990002B')
      .where('division.name', '=', '3e B')
      .executeTakeFirstOrThrow();
    const hugo = await t.database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Hugo').where('last_name', '=', 'Petit').executeTakeFirstOrThrow();
    const representative = await t.database.db.selectFrom('pupil_representative').select('representative_id').where('pupil_id', '=', hugo.id).where('position', '=', 1).executeTakeFirstOrThrow();
    const rep = String(representative.representative_id);

    const secretary = await signedIn(t, 'secretariat.aubrac');
    const before = await everythingWritten();

    for (const path of [
      `/etablissement/divisions/${division.id}/conseil/avis-provisoires`,
      `/etablissement/divisions/${division.id}/conseil/propositions`,
      `/etablissement/divisions/${division.id}/suivi`,
      `/etablissement/eleves/${hugo.id}`,
      `/etablissement/eleves/${hugo.id}/intentions`,
      `/etablissement/eleves/${hugo.id}/choix-definitifs/ajouter`,
      `/etablissement/export.csv?division=${division.id}`,
    ]) {
      expect((await secretary.get(path)).status, path).toBe(404);
    }

    const posts: Array<[string, Record<string, string>]> = [
      [`/etablissement/divisions/${division.id}/conseil/avis-provisoires`, { ligne: String(hugo.id), [`reponse-${hugo.id}-1`]: 'unfavorable' }],
      [`/etablissement/divisions/${division.id}/conseil/avis-provisoires/publier`, { confirmation: 'oui' }],
      [`/etablissement/divisions/${division.id}/conseil/propositions/publier`, { confirmation: 'oui' }],
      [`/etablissement/divisions/${division.id}/suivi/relancer`, { eleves: String(hugo.id) }],
      ...['intentions', 'choix-definitifs'].flatMap((segment) =>
        ['ajouter', 'liste', 'annuler', 'modifier', 'valider'].map((verb): [string, Record<string, string>] => [`/etablissement/eleves/${hugo.id}/${segment}/${verb}`, { track: '2GT', action: 'supprimer-1' }]),
      ),
      ...['accuse-reception', 'reponse', 'accord', 'entretien', 'decision', 'appel', 'commission', 'maintien', 'majeur', 'mot-de-passe'].map(
        (action): [string, Record<string, string>] => [`/etablissement/eleves/${hugo.id}/${action}`, { representant: rep, aucune: 'oui', compte_rendu: 'x', voies: '2GT', date_appel: '2027-03-15', majeur: 'oui' }],
      ),
    ];
    for (const [path, form] of posts) {
      expect((await secretary.post(path, form)).status, path).toBe(404);
    }
    // Forms whose field names another school's division are refused like any wrong value.
    expect((await secretary.post('/etablissement/comptes', { division: String(division.id), pour: 'representants' })).status).toBe(422);

    expect(await everythingWritten()).toBe(before);
  });
});
