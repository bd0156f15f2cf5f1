import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { createTestApp, mainText, signedIn, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function division(schoolUai: string, name: string) {
  return t.database.db
    .selectFrom('division')
    .innerJoin('school', 'school.id', 'division.school_id')
    .select(['division.id'])
    .where('school.uai', '=', schoolUai)
    .where('division.name', '=', name)
    .executeTakeFirstOrThrow();
}

async function pupilsOf(divisionId: number) {
  return t.database.db.selectFrom('pupil').select(['id', 'first_name', 'last_name']).where('division_id', '=', divisionId).orderBy('last_name').orderBy('first_name').orderBy('id').execute();
}


describe('grille du conseil de classe', () => {
  it('le chef d’établissement voit la grille des avis d’une division avec les intentions de chaque élève', async () => {
    const zayA = await division('0990002B', '3e A');
    const chef = await signedIn(t, 'chef.zay');
    const response = await chef.get(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(titleOf(html)).toBe('Avis provisoires du conseil de classe — 3e A — Orientation');
    const text = mainText(html);
    for (const pupil of await pupilsOf(zayA.id)) expect(text).toContain(`${pupil.last_name} ${pupil.first_name}`);
    expect(html).toContain('<caption>');
    expect(html).toContain('scope="row"');
  });

  it('enregistrer une ligne change l’avis de cet élève seulement, et l’historique le garde', async () => {
    const zayA = await division('0990002B', '3e A');
    const [first, second] = await pupilsOf(zayA.id);
    const firstBefore = (await loadPupilFile(t.database.db, first!.id))!;
    const secondBefore = (await loadPupilFile(t.database.db, second!.id))!;
    const chef = await signedIn(t, 'chef.zay');
    const form: Record<string, string> = { ligne: String(first!.id), [`motivations-${first!.id}`]: 'Résultats en net progrès.' };
    for (const wish of firstBefore.file.provisional.wishes) form[`reponse-${first!.id}-${wish.rank}`] = 'unfavorable';
    form[`reponse-${second!.id}-1`] = 'reserved';
    const response = await chef.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`, form);
    expect(response.status).toBe(303);

    const firstAfter = (await loadPupilFile(t.database.db, first!.id))!;
    expect(firstAfter.file.provisional.opinions?.byRank.every((r) => r.opinion === 'unfavorable')).toBe(true);
    expect(firstAfter.file.provisional.opinions?.motivations).toBe('Résultats en net progrès.');
    expect((await loadPupilFile(t.database.db, second!.id))!.file.provisional.opinions).toEqual(secondBefore.file.provisional.opinions);
    const history = await t.database.db.selectFrom('history').select(['action', 'actor_role']).where('pupil_id', '=', first!.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(history).toEqual({ action: 'recordOpinions', actor_role: 'chef d’établissement' });
  });

  it('une réponse manquante est signalée en français et rien n’est enregistré pour cet élève', async () => {
    const zayA = await division('0990002B', '3e A');
    const pupils = await pupilsOf(zayA.id);
    const withWish = [];
    for (const pupil of pupils) {
      const stored = (await loadPupilFile(t.database.db, pupil.id))!;
      if (stored.file.provisional.wishes.length > 0) withWish.push({ pupil, stored });
    }
    const { pupil, stored } = withWish[0]!;
    const chef = await signedIn(t, 'chef.zay');
    const response = await chef.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`, { ligne: String(pupil.id), [`motivations-${pupil.id}`]: 'x' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(titleOf(html)).toMatch(/^Erreur : /);
    expect(mainText(html)).toContain(`Saisissez la réponse du conseil pour le rang 1 de ${pupil.last_name} ${pupil.first_name}.`);
    expect(html).toContain(`href="#reponse-${pupil.id}-1"`);
    expect((await loadPupilFile(t.database.db, pupil.id))!.file.provisional.opinions).toEqual(stored.file.provisional.opinions);
  });

  it('avec htmx, seule la ligne enregistrée revient, annoncée', async () => {
    const zayA = await division('0990002B', '3e A');
    const [first] = await pupilsOf(zayA.id);
    const stored = (await loadPupilFile(t.database.db, first!.id))!;
    const chef = await signedIn(t, 'chef.zay');
    const form: Record<string, string> = { ligne: String(first!.id) };
    for (const wish of stored.file.provisional.wishes) form[`reponse-${first!.id}-${wish.rank}`] = 'favorable';
    const response = await chef.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`, form, { 'HX-Request': 'true' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.startsWith(`<tr id="ligne-${first!.id}"`)).toBe(true);
    expect(html).toContain(`data-announce="Ligne enregistrée : ${first!.last_name} ${first!.first_name}"`);
    expect(html).not.toContain('<html');
  });

  it('publier les avis de la division les rend visibles à chaque famille de la division', async () => {
    const zayA = await division('0990002B', '3e A');
    const chef = await signedIn(t, 'chef.zay');
    // First the confirmation: who has no answer yet; nothing is published.
    const asked = await chef.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires/publier`, {});
    expect(asked.status).toBe(200);
    const question = mainText(await asked.text());
    expect(question).toContain('Publier les avis pour la division 3e A ?');
    // The seed enters every avis of 3e A; another test covers a division with answers missing.
    expect(question).toContain('La réponse du conseil est saisie pour chaque élève de la division.');
    for (const pupil of await pupilsOf(zayA.id)) {
      expect((await loadPupilFile(t.database.db, pupil.id))!.file.provisional.publishedAt).toBeNull();
    }
    const response = await chef.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires/publier`, { confirmation: 'oui' });
    expect(response.status).toBe(303);
    for (const pupil of await pupilsOf(zayA.id)) {
      const stored = (await loadPupilFile(t.database.db, pupil.id))!;
      expect(stored.file.provisional.status).toBe('published');
      expect(stored.file.provisional.publishedAt).not.toBeNull();
    }
    const page = await chef.get(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires?publie`);
    expect(mainText(await page.text())).toContain('Publication effectuée');
    // Publishing twice is refused and changes nothing.
    const again = await chef.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires/publier`, { confirmation: 'oui' });
    expect(again.status).toBe(422);
  });

  it('la confirmation de publication nomme chaque élève dont une intention n’a pas encore de réponse du conseil', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    expect((await chef.post('/etablissement/campagne/intentions/fermer', {})).status).toBe(303);
    const aubrac = await division('0990001A', '3e A');
    const question = mainText(await (await chef.post(`/etablissement/divisions/${aubrac.id}/conseil/avis-provisoires/publier`, {})).text());
    let unanswered = 0;
    for (const pupil of await pupilsOf(aubrac.id)) {
      const stored = (await loadPupilFile(t.database.db, pupil.id))!;
      if (stored.file.provisional.wishes.length > 0) {
        unanswered++;
        expect(question).toContain(`${pupil.last_name} ${pupil.first_name}`);
      }
      expect(stored.file.provisional.publishedAt).toBeNull();
    }
    expect(unanswered).toBeGreaterThan(0);
    expect(question).toContain(`Élèves sans réponse saisie (${unanswered})`);
    expect(question).toContain('La publication n’est possible qu’une fois la réponse du conseil saisie pour chaque élève de la division.');
    expect(question).not.toContain('Confirmer la publication');
  });

  it('les propositions ne peuvent pas être saisies avant la clôture des choix définitifs', async () => {
    const zayB = await division('0990002B', '3e B');
    const [first] = await pupilsOf(zayB.id);
    const chef = await signedIn(t, 'chef.zay');
    const response = await chef.post(`/etablissement/divisions/${zayB.id}/conseil/propositions`, { ligne: String(first!.id) });
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toMatch(/La saisie des choix définitifs n.est pas encore close/);
    const stored = (await loadPupilFile(t.database.db, first!.id))!;
    expect(stored.file.final.proposals).toBeNull();
  });

  it('le personnel d’un autre établissement ne voit ni ne modifie la grille (404)', async () => {
    const zayA = await division('0990002B', '3e A');
    const [first] = await pupilsOf(zayA.id);
    const before = (await loadPupilFile(t.database.db, first!.id))!;
    const other = await signedIn(t, 'chef.aubrac');
    expect((await other.get(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`)).status).toBe(404);
    const post = await other.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`, { ligne: String(first!.id), [`reponse-${first!.id}-1`]: 'unfavorable' });
    expect(post.status).toBe(404);
    expect((await other.post(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires/publier`, { confirmation: 'oui' })).status).toBe(404);
    expect((await loadPupilFile(t.database.db, first!.id))!.version).toBe(before.version);
    const family = await signedIn(t, 'famille.zay.1');
    expect((await family.get(`/etablissement/divisions/${zayA.id}/conseil/avis-provisoires`)).status).toBe(404);
  });
});
