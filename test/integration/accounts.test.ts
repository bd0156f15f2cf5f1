import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, signedIn, TestClient, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


const letterCredentials = (text: string) => [...text.matchAll(/Identifiant (\S+) Mot de passe provisoire (\S+)/g)].map((match) => ({ login: match[1]!, password: match[2]! }));

describe('comptes des familles', () => {
  it('générer les comptes d’une division donne une lettre par représentant sans compte, qui permet de se connecter', async () => {
    const division = await t.database.db
      .selectFrom('division')
      .innerJoin('school', 'school.id', 'division.school_id')
      .select('division.id')
      .where('school.uai', '=', '0990002B')
      .where('division.name', '=', '3e A')
      .executeTakeFirstOrThrow();
    const chef = await signedIn(t, 'chef.zay');
    const response = await chef.post('/etablissement/comptes', { division: String(division.id), pour: 'representants' });
    expect(response.status).toBe(200);
    const text = mainText(await response.text());
    const credentials = letterCredentials(text);
    const withoutAccount = await t.database.db
      .selectFrom('representative as r')
      .innerJoin('pupil_representative as pr', 'pr.representative_id', 'r.id')
      .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
      .select('r.id')
      .distinct()
      .where('p.division_id', '=', division.id)
      .execute();
    expect(credentials).toHaveLength(withoutAccount.length);
    expect(text).toContain('Adresse du service http://localhost:3000');
    expect(text).toContain('représentant légal de');

    const parent = new TestClient(t.app);
    expect((await parent.login(credentials[0]!.login, credentials[0]!.password)).headers.get('Location')).toBe('/mot-de-passe');

    // Nothing left to generate: no new letter, no new account.
    const again = await chef.post('/etablissement/comptes', { division: String(division.id), pour: 'representants' });
    expect(letterCredentials(mainText(await again.text()))).toEqual([]);
  });

  it('sans type de compte coché, la génération est refusée en français', async () => {
    const chef = await signedIn(t, 'chef.zay');
    const response = await chef.post('/etablissement/comptes', { division: '' });
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('Cochez les comptes à générer');
  });

  it('une division d’un autre établissement est refusée et aucun compte n’est créé', async () => {
    const other = await t.database.db
      .selectFrom('division')
      .innerJoin('school', 'school.id', 'division.school_id')
      .select('division.id')
      .where('school.uai', '=', '0990002B')
      .executeTakeFirstOrThrow();
    const before = (await t.database.db.selectFrom('user_account').select('id').execute()).length;
    const chef = await signedIn(t, 'chef.aubrac');
    const response = await chef.post('/etablissement/comptes', { division: String(other.id), pour: 'eleves' });
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('Choisissez une division de l’établissement.');
    expect((await t.database.db.selectFrom('user_account').select('id').execute()).length).toBe(before);
  });
});
