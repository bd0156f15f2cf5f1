import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, TestClient, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('personnels de l’établissement', () => {
  it('le chef d’établissement ajoute un secrétariat, qui ne peut pas en ajouter à son tour', async () => {
    const chef = new TestClient(t.app);
    await chef.login('chef.veil');
    const response = await chef.post('/etablissement/personnels', { prenom: 'Marc', nom: 'Durand', email: '' });
    const text = mainText(await response.text());
    const match = /Identifiant : (\S+) — mot de passe provisoire : (\S+)/.exec(text);
    expect(match?.[1]).toBe('marc.durand');

    const secretary = new TestClient(t.app);
    expect((await secretary.login('marc.durand', match![2]!)).headers.get('Location')).toBe('/mot-de-passe');
    await secretary.post('/mot-de-passe', { nouveau_mot_de_passe: 'un secrétariat très occupé', confirmation: 'un secrétariat très occupé' });
    const page = mainText(await (await secretary.get('/etablissement/personnels')).text());
    expect(page).toContain('Seul le chef d’établissement peut ajouter des comptes de secrétariat.');
    const before = (await t.database.db.selectFrom('staff').select('id').execute()).length;
    const refused = await secretary.post('/etablissement/personnels', { prenom: 'Autre', nom: 'Personne', email: '' });
    expect(refused.status).toBe(422);
    expect((await t.database.db.selectFrom('staff').select('id').execute()).length).toBe(before);
  });
});
