import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, signedIn, TestClient, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const fixture = () => new Uint8Array(readFileSync(new URL('../fixtures/import-exemple.csv', import.meta.url)));
const HEADER = 'Division;INE;Nom;Prénom;Date de naissance;Nom RL1;Prénom RL1;Courriel RL1;Téléphone RL1;Nom RL2;Prénom RL2;Courriel RL2;Téléphone RL2';


const counts = async () => ({
  pupils: (await t.database.db.selectFrom('pupil').select('id').execute()).length,
  representatives: (await t.database.db.selectFrom('representative').select('id').execute()).length,
  divisions: (await t.database.db.selectFrom('division').select('id').execute()).length,
  links: (await t.database.db.selectFrom('pupil_representative').select('pupil_id').execute()).length,
});

async function checkAndImport(chef: TestClient, bytes: Uint8Array<ArrayBuffer>) {
  const preview = await chef.postFile('/etablissement/import', 'fichier', { name: 'eleves.csv', bytes });
  const html = await preview.text();
  const batch = /action="\/etablissement\/import\/(\d+)"/.exec(html)?.[1];
  return { preview, html, batch, imported: batch ? await chef.post(`/etablissement/import/${batch}`, {}) : undefined };
}

describe('import des élèves et des représentants', () => {
  it('le fichier d’exemple est vérifié, puis importé : élèves, divisions et parents partagés par la fratrie', async () => {
    const chef = await signedIn(t, 'chef.zay');
    const before = await counts();
    const { preview, html, batch } = await checkAndImport(chef, fixture()).then(async (result) => result);
    expect(preview.status).toBe(200);
    expect(mainText(html)).toContain('4 élèves, 5 représentants, 2 divisions ; 0 ligne en erreur');
    expect(mainText(html)).toContain('Divisions à créer : 3e C, 3e D');
    expect(batch).toBeDefined();
    const after = await counts();
    expect(after).toEqual({ ...before, pupils: before.pupils + 4, representatives: before.representatives + 5, divisions: before.divisions + 2, links: before.links + 7 });

    const report = await chef.get('/etablissement/import?eleves=4&maj=0&representants=5&divisions=2');
    expect(mainText(await report.text())).toContain('Import terminé : 4 élève(s) créé(s), 0 mis à jour, 5 représentant(s) créé(s), 2 division(s) créée(s).');

    const lambertParents = await t.database.db
      .selectFrom('pupil_representative as pr')
      .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
      .select(['pr.representative_id', 'p.first_name'])
      .where('p.last_name', '=', 'Lambert')
      .where('pr.position', '=', 1)
      .execute();
    expect(lambertParents).toHaveLength(2);
    expect(lambertParents[0]!.representative_id).toBe(lambertParents[1]!.representative_id);
  });

  it('réimporter le même fichier ne crée aucun doublon ; un fichier corrigé met à jour sur place', async () => {
    const chef = await signedIn(t, 'chef.zay');
    await checkAndImport(chef, fixture());
    const once = await counts();
    const again = await checkAndImport(chef, fixture());
    expect(mainText(again.html)).toContain('0 élève à créer');
    expect(mainText(again.html)).toContain('4 élèves déjà connus (mis à jour)');
    expect(again.imported?.headers.get('Location')).toBe('/etablissement/import?eleves=0&maj=0&representants=0&divisions=0');
    expect(await counts()).toEqual(once);

    const corrected = new TextDecoder().decode(fixture()).replace('Lambert;Théo;02/11/2012', 'Lambert;Théo;03/11/2012').replace('3e C;223456789AD', '3e D;223456789AD');
    const fixed = await checkAndImport(chef, new TextEncoder().encode(corrected));
    expect(fixed.imported?.headers.get('Location')).toBe('/etablissement/import?eleves=0&maj=2&representants=0&divisions=0');
    const theo = await t.database.db.selectFrom('pupil').select('birth_date').where('ine', '=', '123456789AC').executeTakeFirstOrThrow();
    expect(theo.birth_date).toBe('2012-11-03');
    expect(await counts()).toEqual(once);
  });

  it('un fichier avec une ligne fautive est entièrement refusé, lignes numérotées, et rien n’est écrit', async () => {
    const chef = await signedIn(t, 'chef.zay');
    const before = await counts();
    const bad = `${HEADER}\n3e C;123456789AB;Lambert;Chloé;;Lambert;Aurélie;;;;;;\n3e C;XYZ;Lambert;Théo;;Lambert;Aurélie;;;;;;\n`;
    const { preview, html, batch } = await checkAndImport(chef, new TextEncoder().encode(bad));
    expect(preview.status).toBe(422);
    expect(mainText(html)).toContain('2 élèves, 1 représentant, 1 division ; 1 ligne en erreur');
    expect(mainText(html)).toContain('Ligne 3 : l’INE doit comporter 11 chiffres ou lettres.');
    expect(batch).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('un fichier Windows-1252 est importé avec ses accents', async () => {
    const chef = await signedIn(t, 'chef.zay');
    const latin1 = new Uint8Array(Buffer.from(`${HEADER}\n3e A;923456789AB;Hervé;Zoé;;Hervé;Hélène;;;;;;\n`, 'latin1'));
    const { html, imported } = await checkAndImport(chef, latin1);
    expect(mainText(html)).toContain('fichier lu en Windows-1252');
    expect(imported?.status).toBe(303);
    const pupil = await t.database.db.selectFrom('pupil').select(['last_name', 'first_name']).where('ine', '=', '923456789AB').executeTakeFirstOrThrow();
    expect(pupil).toEqual({ last_name: 'Hervé', first_name: 'Zoé' });
  });

  it('un élève d’un autre établissement (même INE) est refusé', async () => {
    const chefZay = await signedIn(t, 'chef.zay');
    await checkAndImport(chefZay, fixture());
    const chefAubrac = await signedIn(t, 'chef.aubrac');
    const { html, batch } = await checkAndImport(chefAubrac, fixture());
    expect(batch).toBeUndefined();
    expect(mainText(html)).toContain('Ligne 2 : l’INE 123456789AB est celui d’un élève inscrit dans un autre établissement.');
  });

  it('un établissement ne peut pas importer le fichier vérifié par un autre', async () => {
    const chefZay = await signedIn(t, 'chef.zay');
    const preview = await chefZay.postFile('/etablissement/import', 'fichier', { name: 'eleves.csv', bytes: fixture() });
    const batch = /action="\/etablissement\/import\/(\d+)"/.exec(await preview.text())![1];
    const before = await counts();
    const chefAubrac = await signedIn(t, 'chef.aubrac');
    const stolen = await chefAubrac.post(`/etablissement/import/${batch}`, {});
    expect(stolen.status).toBe(422);
    expect(titleOf(await stolen.text())).toMatch(/^Erreur : /);
    expect(await counts()).toEqual(before);
  });

  it('sans fichier, la vérification le demande en français', async () => {
    const chef = await signedIn(t, 'chef.zay');
    const response = await chef.postFile('/etablissement/import', 'autre', { name: 'x.csv', bytes: new Uint8Array() });
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('Choisissez le fichier CSV à importer.');
  });
});
