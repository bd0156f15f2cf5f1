import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, signedIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


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
    const chef = await signedIn(t, 'chef.zay');
    const all = mainText(await (await chef.get(`/etablissement/divisions/${zayB.id}/suivi`)).text());
    expect(all).toContain('Tous les élèves : 4 élève(s) sur 4');
    const filtered = mainText(await (await chef.get(`/etablissement/divisions/${zayB.id}/suivi?filtre=sans-accuse`)).text());
    expect(filtered).toMatch(/Sans accusé de réception : \d élève\(s\) sur 4/);
    expect(filtered).toContain('Petit Hugo');
    expect(filtered).toContain('Nadia Petit');
  });

  it('les représentants sans compte sont signalés', async () => {
    const zayA = await division('0990002B', '3e A');
    const chef = await signedIn(t, 'chef.zay');
    const text = mainText(await (await chef.get(`/etablissement/divisions/${zayA.id}/suivi?filtre=sans-compte`)).text());
    expect(text).toContain('(sans compte)');
  });

  it('la division d’un autre établissement répond 404', async () => {
    const zayA = await division('0990002B', '3e A');
    const chef = await signedIn(t, 'chef.veil');
    expect((await chef.get(`/etablissement/divisions/${zayA.id}/suivi`)).status).toBe(404);
  });
});

describe('relancer les familles', () => {
  it('« Relancer » écrit un courriel par représentant ayant une adresse, une fois par jour, et le note dans l’historique', async () => {
    const aubracA = await division('0990001A', '3e A');
    const lea = await t.database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Léa').where('last_name', '=', 'Martin').executeTakeFirstOrThrow();
    const chef = await signedIn(t, 'chef.aubrac');
    const page = mainText(await (await chef.get(`/etablissement/divisions/${aubracA.id}/suivi`)).text());
    expect(page).toMatch(/que la saisie des intentions se termine le \d\d\/\d\d\/\d{4} à \d\d h \d\d/);
    const first = await chef.post(`/etablissement/divisions/${aubracA.id}/suivi/relancer`, { eleves: String(lea.id) });
    expect(first.headers.get('Location')).toBe(`/etablissement/divisions/${aubracA.id}/suivi?relances=2`);
    const second = await chef.post(`/etablissement/divisions/${aubracA.id}/suivi/relancer`, { eleves: String(lea.id) });
    expect(second.headers.get('Location')).toBe(`/etablissement/divisions/${aubracA.id}/suivi?relances=0`);
    const mails = await t.database.db.selectFrom('mail_outbox').select(['recipient', 'subject']).where('pupil_id', '=', lea.id).where('kind', '=', 'reminder').execute();
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toMatch(/^Rappel — orientation de Léa/);
    const history = await t.database.db.selectFrom('history').select('action').where('pupil_id', '=', lea.id).where('action', '=', 'sendReminder').execute();
    expect(history).toHaveLength(1);
  });

  it('sans famille cochée, rien n’est envoyé et la page le dit', async () => {
    const aubracA = await division('0990001A', '3e A');
    const chef = await signedIn(t, 'chef.aubrac');
    const response = await chef.post(`/etablissement/divisions/${aubracA.id}/suivi/relancer`, {});
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('Cochez les familles à relancer.');
    expect(await t.database.db.selectFrom('mail_outbox').select('id').where('kind', '=', 'reminder').execute()).toHaveLength(0);
  });

  it('une famille d’une autre division n’est pas relancée', async () => {
    const aubracA = await division('0990001A', '3e A');
    const hugo = await t.database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Hugo').where('last_name', '=', 'Petit').executeTakeFirstOrThrow();
    const chef = await signedIn(t, 'chef.aubrac');
    const response = await chef.post(`/etablissement/divisions/${aubracA.id}/suivi/relancer`, { eleves: String(hugo.id) });
    expect(response.status).toBe(422);
    expect(await t.database.db.selectFrom('mail_outbox').select('id').where('kind', '=', 'reminder').execute()).toHaveLength(0);
  });
});
