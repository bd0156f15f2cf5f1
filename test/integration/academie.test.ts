import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, signedIn, TestClient, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


describe('administration académique', () => {
  it('l’administrateur ajoute un établissement, qui apparaît dans la liste', async () => {
    const admin = await signedIn(t, 'admin.academie');
    const response = await admin.post('/academie/etablissements/nouveau', { uai: '0990042k', nom: 'Collège Olympe de Gouges', type: 'college' });
    expect(response.status).toBe(303);
    const school = await t.database.db.selectFrom('school').select(['id', 'uai', 'kind']).where('name', '=', 'Collège Olympe de Gouges').executeTakeFirstOrThrow();
    expect(school).toMatchObject({ uai: '0990042K', kind: 'college' });
    expect(response.headers.get('Location')).toBe(`/academie/etablissements/${school.id}?cree`);
    expect(mainText(await (await admin.get('/academie')).text())).toContain('Collège Olympe de Gouges');
  });

  it('un UAI mal formé ou déjà pris est refusé en français, et rien n’est créé', async () => {
    const admin = await signedIn(t, 'admin.academie');
    const count = async () => (await t.database.db.selectFrom('school').select('id').execute()).length;
    const before = await count();
    const malformed = await admin.post('/academie/etablissements/nouveau', { uai: '12345', nom: 'X', type: 'lycee' });
    expect(malformed.status).toBe(422);
    const html = await malformed.text();
    expect(titleOf(html)).toBe('Erreur : Ajouter un établissement — Orientation');
    expect(mainText(html)).toContain('7 chiffres suivis d’une lettre');
    const taken = await admin.post('/academie/etablissements/nouveau', { uai: '0990001A', nom: 'Doublon', type: 'college' });
    expect(mainText(await taken.text())).toContain('déjà celui de l’établissement « Collège Lucie Aubrac »');
    const missing = await admin.post('/academie/etablissements/nouveau', { uai: '0990050A', nom: '', type: '' });
    const text = mainText(await missing.text());
    expect(text).toContain('Saisissez le nom de l’établissement.');
    expect(text).toContain('Indiquez s’il s’agit d’un collège ou d’un lycée.');
    expect(await count()).toBe(before);
  });

  it('le premier compte du chef d’établissement est créé avec un mot de passe provisoire affiché une fois', async () => {
    const admin = await signedIn(t, 'admin.academie');
    await admin.post('/academie/etablissements/nouveau', { uai: '0990043L', nom: 'Lycée Rosa Parks', type: 'lycee' });
    const school = await t.database.db.selectFrom('school').select('id').where('uai', '=', '0990043L').executeTakeFirstOrThrow();
    const response = await admin.post(`/academie/etablissements/${school.id}/personnels`, { prenom: 'Aïcha', nom: 'Benali', email: '', role: 'head' });
    expect(response.status).toBe(200);
    const text = mainText(await response.text());
    const match = /Identifiant : (\S+) — mot de passe provisoire : (\S+)/.exec(text);
    expect(match?.[1]).toBe('aicha.benali');
    const password = match![2]!;
    expect(text).toContain('il ne sera plus affiché');
    // The password is not shown again.
    expect(await (await admin.get(`/academie/etablissements/${school.id}`)).text()).not.toContain(password);

    const head = new TestClient(t.app);
    const login = await head.login('aicha.benali', password);
    expect(login.headers.get('Location')).toBe('/mot-de-passe');
  });

  it('l’administrateur n’accède pas aux dossiers des élèves, et les autres rôles n’accèdent pas à l’administration', async () => {
    const admin = await signedIn(t, 'admin.academie');
    expect((await admin.get('/etablissement')).status).toBe(404);
    expect((await admin.get('/famille')).status).toBe(404);
    const chef = await signedIn(t, 'chef.aubrac');
    expect((await chef.get('/academie/etablissements/nouveau')).status).toBe(404);
    const before = (await t.database.db.selectFrom('school').select('id').execute()).length;
    expect((await chef.post('/academie/etablissements/nouveau', { uai: '0990044M', nom: 'Pirate', type: 'college' })).status).toBe(404);
    expect((await t.database.db.selectFrom('school').select('id').execute()).length).toBe(before);
  });
});
