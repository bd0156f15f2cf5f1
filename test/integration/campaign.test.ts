import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { createTestApp, mainText, signedIn, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


/** The form as the page pre-fills it: every input's current value. */
function formOf(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*>/g)) {
    const tag = match[0];
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    const type = /type="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    if ((type === 'radio' || type === 'checkbox') && !/checked/.test(tag)) continue;
    form[name] = value;
  }
  const message = /<textarea[^>]*name="message"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1];
  if (message !== undefined) form.message = message;
  return form;
}

async function aubracPupils() {
  return t.database.db
    .selectFrom('pupil')
    .innerJoin('school', 'school.id', 'pupil.school_id')
    .select('pupil.id')
    .where('school.uai', '=', '0990001A')
    .execute();
}

describe('campagne de l’établissement', () => {
  it('le chef d’établissement voit le calendrier aux heures de l’académie, pré-rempli', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    const response = await chef.get('/etablissement/campagne');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(titleOf(html)).toBe('Campagne d’orientation — Orientation');
    expect(mainText(html)).toMatch(/Saisie des intentions : ouverte jusqu’au \d\d\/\d\d\/\d{4} à \d\d h \d\d/);
    const form = formOf(html);
    expect(form['intentions-fermeture-date']).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(form.second_representant).toBe('presumed');
  });

  it('une fermeture à moins de 24 h du premier conseil est refusée, avec la raison, et rien ne change', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    const form = formOf(await (await chef.get('/etablissement/campagne')).text());
    const councilField = Object.keys(form).find((name) => /^conseil-\d+-provisoire-date$/.test(name))!;
    // The first council the day the intentions close.
    form[councilField] = form['intentions-fermeture-date']!;
    form[councilField.replace('-date', '-heure')] = '08:00';
    const before = await t.database.db.selectFrom('council_date').selectAll().execute();
    const response = await chef.post('/etablissement/campagne', form);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(titleOf(html)).toMatch(/^Erreur : /);
    expect(mainText(html)).toContain('doit se terminer au moins 24 heures avant le premier conseil de classe');
    expect(html).toContain('href="#intentions-fermeture-date"');
    expect(await t.database.db.selectFrom('council_date').selectAll().execute()).toEqual(before);
  });

  it('une date impossible est signalée en français', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    const form = formOf(await (await chef.get('/etablissement/campagne')).text());
    form['choices-ouverture-date'] = '2027-02-30';
    const response = await chef.post('/etablissement/campagne', form);
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('Saisie des choix définitifs, ouverture : saisissez une date (JJ/MM/AAAA) et une heure valides.');
  });

  it('enregistrer les réglages change le message vu par l’établissement', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    const form = formOf(await (await chef.get('/etablissement/campagne')).text());
    form.message = 'Réunion d’information le 12 mars à 18 h.';
    form.second_representant = 'required';
    const response = await chef.post('/etablissement/campagne', form);
    expect(response.status).toBe(303);
    const campaign = await t.database.db
      .selectFrom('campaign')
      .innerJoin('school', 'school.id', 'campaign.school_id')
      .select(['school_message', 'second_representative'])
      .where('school.uai', '=', '0990001A')
      .executeTakeFirstOrThrow();
    expect(campaign).toEqual({ school_message: 'Réunion d’information le 12 mars à 18 h.', second_representative: 'required' });
  });

  it('« Fermer maintenant » clôt la saisie des intentions et chaque dossier de l’établissement', async () => {
    const chef = await signedIn(t, 'chef.aubrac');
    const response = await chef.post('/etablissement/campagne/intentions/fermer', {});
    expect(response.status).toBe(303);
    for (const { id } of await aubracPupils()) {
      expect((await loadPupilFile(t.database.db, id))!.file.provisional.status).toBe('closed');
    }
    const page = await chef.get('/etablissement/campagne?ferme');
    expect(mainText(await page.text())).toMatch(/Saisie des intentions : close depuis le/);
    // Closing again is refused: nothing is open.
    expect((await chef.post('/etablissement/campagne/intentions/fermer', {})).status).toBe(422);
  });

  it('le secrétariat consulte le calendrier mais ne peut pas le modifier', async () => {
    const school = await t.database.db.selectFrom('school').select('id').where('uai', '=', '0990001A').executeTakeFirstOrThrow();
    const staff = await t.database.db
      .insertInto('staff')
      .values({ school_id: school.id, role: 'secretary', first_name: 'Marc', last_name: 'Durand' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('user_account')
      .values({ login: 'secretariat.aubrac', role: 'staff', staff_id: staff.id, password_hash: await hashPassword('orientation'), must_change_password: false })
      .execute();
    const secretary = await signedIn(t, 'secretariat.aubrac');
    const page = await (await secretary.get('/etablissement/campagne')).text();
    expect(mainText(page)).toContain('Seul le chef d’établissement peut modifier le calendrier');
    const response = await secretary.post('/etablissement/campagne/intentions/fermer', {});
    expect(response.status).toBe(422);
    for (const { id } of await aubracPupils()) {
      expect((await loadPupilFile(t.database.db, id))!.file.provisional.status).not.toBe('closed');
    }
  });
});

describe('campagne de l’année', () => {
  it('sans campagne pour l’année en cours, le chef d’établissement la crée, puis en fixe les dates', async () => {
    const school = await t.database.db.selectFrom('school').select('id').where('uai', '=', '0990001A').executeTakeFirstOrThrow();
    // Next school year: no campaign yet.
    t.clock.advance(200 * 24 * 60 * 60 * 1000);
    const chef = await signedIn(t, 'chef.aubrac');
    const page = mainText(await (await chef.get('/etablissement/campagne')).text());
    expect(page).toContain('Aucune campagne d’orientation n’existe encore pour l’année 2027-2028 (palier 3e).');
    expect((await chef.post('/etablissement/campagne/creer', {})).status).toBe(303);
    expect((await chef.post('/etablissement/campagne/creer', {})).status).toBe(303);
    const campaigns = await t.database.db.selectFrom('campaign').select(['school_year', 'level']).where('school_id', '=', school.id).orderBy('school_year').execute();
    expect(campaigns).toEqual([
      { school_year: 2026, level: '3e' },
      { school_year: 2027, level: '3e' },
    ]);
    expect(mainText(await (await chef.get('/etablissement/campagne')).text())).toContain('Campagne d’orientation 2027-2028 — palier 3e');
  });
});
