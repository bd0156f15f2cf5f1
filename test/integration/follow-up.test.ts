import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, TestClient, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function signedIn(login: string) {
  const client = new TestClient(t.app);
  await client.login(login);
  return client;
}

async function division(uai: string, name: string) {
  return t.database.db
    .selectFrom('division')
    .innerJoin('school', 'school.id', 'division.school_id')
    .select('division.id')
    .where('school.uai', '=', uai)
    .where('division.name', '=', name)
    .executeTakeFirstOrThrow();
}

describe('suivi des familles d’une division', () => {
  it('le filtre « Sans accusé de réception » liste Hugo Petit, dont l’avis est publié mais pas lu', async () => {
    const zayB = await division('0990002B', '3e B');
    const chef = await signedIn('chef.zay');
    const all = mainText(await (await chef.get(`/etablissement/divisions/${zayB.id}/suivi`)).text());
    expect(all).toContain('Tous les élèves : 4 élève(s) sur 4');
    const filtered = mainText(await (await chef.get(`/etablissement/divisions/${zayB.id}/suivi?filtre=sans-accuse`)).text());
    expect(filtered).toMatch(/Sans accusé de réception : \d élève\(s\) sur 4/);
    expect(filtered).toContain('Petit Hugo');
    expect(filtered).toContain('Nadia Petit');
  });

  it('les représentants sans compte sont signalés', async () => {
    const zayA = await division('0990002B', '3e A');
    const chef = await signedIn('chef.zay');
    const text = mainText(await (await chef.get(`/etablissement/divisions/${zayA.id}/suivi?filtre=sans-compte`)).text());
    expect(text).toContain('(sans compte)');
  });

  it('la division d’un autre établissement répond 404', async () => {
    const zayA = await division('0990002B', '3e A');
    const chef = await signedIn('chef.veil');
    expect((await chef.get(`/etablissement/divisions/${zayA.id}/suivi`)).status).toBe(404);
  });
});
