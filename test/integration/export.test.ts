import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


describe('export CSV', () => {
  it('l’export de l’établissement liste chaque vœu avec la réponse du conseil, en UTF-8 avec BOM et « ; »', async () => {
    const chef = await signedIn(t, 'chef.hugo');
    const response = await chef.get('/etablissement/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="orientation-etablissement.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Division;INE;Nom;Prénom;Phase;Rang;Voie;Précisions;Réponse du conseil;Voies recommandées ou proposées par le conseil;Réponse de la famille;Accord du second représentant;Décision;Étape du dossier',
    );
    const nathan = lines.filter((line) => line.includes(';Roux;Nathan;Choix définitifs;'));
    expect(nathan).toHaveLength(3);
    expect(nathan[1]).toContain(';Choix définitifs;2;1re technologique : 1re STMG;;Oui;1re technologique : 1re STI2D;');
    expect(nathan[0]).toContain(';Choix définitifs;1;1re générale;');
    expect(nathan[0]).toContain(';Non;');
    const pupils = await t.database.db.selectFrom('pupil').innerJoin('school', 'school.id', 'pupil.school_id').select('pupil.id').where('school.uai', '=', '0990004D').execute();
    const exported = new Set(lines.slice(1).filter(Boolean).map((line) => line.split(';').slice(2, 4).join(' ')));
    expect(exported.size).toBeGreaterThan(0);
    expect(exported.size).toBeLessThanOrEqual(pupils.length);
  });

  it('une cellule qui ressemble à une formule est neutralisée', async () => {
    const pupil = await t.database.db
      .selectFrom('pupil')
      .innerJoin('school', 'school.id', 'pupil.school_id')
      .select('pupil.id')
      .where('school.uai', '=', '0990004D')
      .where('pupil.first_name', '=', 'Nathan')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('pupil').set({ last_name: '=HYPERLINK("http://pirate.example")' }).where('id', '=', pupil.id).execute();
    const chef = await signedIn(t, 'chef.hugo');
    const text = await (await chef.get('/etablissement/export.csv')).text();
    expect(text).toContain(`;"'=HYPERLINK(""http://pirate.example"")";Nathan;`);
    expect(text).not.toMatch(/;=HYPERLINK/);
  });

  it('l’export d’une division d’un autre établissement répond 404', async () => {
    const division = await t.database.db
      .selectFrom('division')
      .innerJoin('school', 'school.id', 'division.school_id')
      .select('division.id')
      .where('school.uai', '=', '0990004D')
      .executeTakeFirstOrThrow();
    const chef = await signedIn(t, 'chef.aubrac');
    expect((await chef.get(`/etablissement/export.csv?division=${division.id}`)).status).toBe(404);
    const own = await signedIn(t, 'chef.hugo');
    const response = await own.get(`/etablissement/export.csv?division=${division.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(/filename="orientation-2de-\d\.csv"/);
  });
});
