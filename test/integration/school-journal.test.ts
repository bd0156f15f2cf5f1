import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, mainText, signedIn, type TestApp } from '../support/test-app.js';

// Staff actions that are not about one pupil land in the school's journal, with who and when;
// the journal is the school's own, and nobody can rewrite it.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const fixture = () => new Uint8Array(readFileSync(new URL('../fixtures/import-exemple.csv', import.meta.url)));
const journalOf = async (login: string) => mainText(await (await (await signedIn(t, login)).get('/etablissement/journal')).text());

describe('journal de l’établissement', () => {
  it('fermer une saisie, ajouter un secrétariat, importer et générer des comptes y sont inscrits, au nom du chef', async () => {
    const chef = await signedIn(t, 'chef.zay');
    expect(mainText(await (await chef.get('/etablissement')).text())).toContain('Journal de l’établissement');
    expect((await chef.post('/etablissement/campagne/choices/fermer', {})).status).toBe(303);
    expect((await chef.post('/etablissement/personnels', { prenom: 'Marc', nom: 'Durand', email: '' })).status).toBe(200);
    const preview = await chef.postFile('/etablissement/import', 'fichier', { name: 'eleves.csv', bytes: fixture() });
    const batch = /action="\/etablissement\/import\/(\d+)"/.exec(await preview.text())![1];
    expect((await chef.post(`/etablissement/import/${batch}`, {})).status).toBe(303);
    const division = await t.database.db
      .selectFrom('division')
      .innerJoin('school', 'school.id', 'division.school_id')
      .select('division.id')
      .where('school.uai', '=', '0990002B')
      .where('division.name', '=', '3e C')
      .executeTakeFirstOrThrow();
    expect((await chef.post('/etablissement/comptes', { division: String(division.id), pour: 'representants' })).status).toBe(200);

    const journal = mainText(await (await chef.get('/etablissement/journal')).text());
    const head = '(chef d’établissement)';
    expect(journal).toContain(`${head} a fermé maintenant : Saisie des choix définitifs.`);
    expect(journal).toContain(`${head} a créé un compte de personnel : secrétariat, Marc Durand.`);
    expect(journal).toMatch(/a importé le fichier des élèves : 4 élève\(s\) créé\(s\), 0 mis à jour, 5 représentant\(s\) et 2 division\(s\) créés\./);
    expect(journal).toContain(`${head} a généré des comptes et leurs lettres : 3 compte(s) pour la division 3e C.`);
    // Newest first.
    expect(journal.indexOf('a généré des comptes')).toBeLessThan(journal.indexOf('a fermé maintenant'));

    // Another school's journal shows none of it.
    const other = await journalOf('chef.aubrac');
    expect(other).not.toContain('Marc Durand');
    expect(other).not.toContain('a fermé maintenant');
  });

  it('l’administration académique qui crée un établissement et son chef y figure', async () => {
    const admin = await signedIn(t, 'admin.academie');
    const created = await admin.post('/academie/etablissements/nouveau', { uai: '0990077X', nom: 'Collège Marie Curie', type: 'college' });
    expect(created.status).toBe(303);
    const path = created.headers.get('Location')!.replace(/\?.*$/, '');
    const issued = mainText(await (await admin.post(`${path}/personnels`, { prenom: 'Anne', nom: 'Roche', email: '', role: 'head' })).text());
    expect(issued).toContain('Anne Roche');
    const rows = await t.database.db
      .selectFrom('school_journal')
      .innerJoin('school', 'school.id', 'school_journal.school_id')
      .select(['school_journal.action', 'school_journal.actor_role'])
      .where('school.uai', '=', '0990077X')
      .orderBy('school_journal.id')
      .execute();
    expect(rows).toEqual([
      { action: 'createSchool', actor_role: 'administration académique' },
      { action: 'createStaff', actor_role: 'administration académique' },
    ]);
  });

  it('le journal ne peut être ni modifié ni effacé', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    await chef.post('/etablissement/campagne/intentions/fermer', {});
    await expect(sql`update school_journal set actor_name = 'Quelqu’un d’autre'`.execute(t.database.db)).rejects.toThrow(/ni modifié ni effacé/);
    await expect(sql`delete from school_journal`.execute(t.database.db)).rejects.toThrow(/ni modifié ni effacé/);
    const count = await t.database.db.selectFrom('school_journal').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
