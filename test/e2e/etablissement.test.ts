import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closePage,
  expectNoAxeViolations,
  expectNoPageProblems,
  focusedElement,
  hasVisibleFocusIndicator,
  launchBrowser,
  login,
  navigation,
  newPage,
} from '../support/browser.js';
import { startE2EServer, type E2EServer } from '../support/e2e-server.js';

// The school side as a head of school meets it: import, letters, the council grid by keyboard,
// publication, follow-up and the dialogue, with and without JavaScript; axe-core on every page.

const FIXTURE = fileURLToPath(new URL('../fixtures/import-exemple.csv', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function divisionId(server: E2EServer, uai: string, name: string): Promise<number> {
  const row = await server.database.db
    .selectFrom('division')
    .innerJoin('school', 'school.id', 'division.school_id')
    .select('division.id')
    .where('school.uai', '=', uai)
    .where('division.name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (element: { tag: string; text: string; name: string | null }) => boolean, limit = 80): Promise<void> {
  for (let index = 0; index < limit; index++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? { tag: element.tagName.toLowerCase(), text: (element.textContent ?? '').trim(), name: element.getAttribute('name') } : null;
    });
    if (focused && matches(focused)) return;
  }
  throw new Error('élément jamais atteint au clavier');
}

for (const javaScript of [true, false]) {
  describe(`côté établissement, JavaScript ${javaScript ? 'activé' : 'désactivé'}`, () => {
    let server: E2EServer;
    beforeAll(async () => {
      server = await startE2EServer();
    });
    // axe-core runs inside the page: with JavaScript off it cannot; the same pages are audited in the JavaScript run.
    const expectNoAxeViolationsWhenPossible = (page: Page) => (javaScript ? expectNoAxeViolations(page) : Promise.resolve());
    afterAll(async () => {
      await server?.close();
    });

    it('chef.zay importe le fichier d’exemple, puis imprime les lettres des trois représentants de la nouvelle division', async () => {
      const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(page, 'chef.zay');
      await expectNoAxeViolationsWhenPossible(page);
      await navigation(page, () => page.getByRole('link', { name: /Importer les élèves/ }).click());
      await expectNoAxeViolationsWhenPossible(page);
      await page.getByLabel('Fichier CSV des élèves et des représentants légaux').setInputFiles(FIXTURE);
      await navigation(page, () => page.getByRole('button', { name: 'Vérifier le fichier' }).click());
      expect(await page.locator('main').innerText()).toContain('4 élèves, 5 représentants, 2 divisions ; 0 ligne en erreur');
      await expectNoAxeViolationsWhenPossible(page);
      await navigation(page, () => page.getByRole('button', { name: 'Importer' }).click());
      expect(await page.locator('main').innerText()).toContain('Import terminé : 4 élève(s) créé(s)');

      await page.goto('/etablissement/comptes');
      await expectNoAxeViolationsWhenPossible(page);
      await page.getByLabel('Division').selectOption({ label: '3e C' });
      await navigation(page, () => page.getByRole('button', { name: /Générer les comptes/ }).click());
      expect(await page.locator('h1').innerText()).toBe('Lettres de connexion (3)');
      expect(await page.locator('article.letter').count()).toBe(3);
      await expectNoAxeViolationsWhenPossible(page);
      expectNoPageProblems(page);
      await closePage(page);
    });

    it(javaScript ? 'une ligne modifiée de la grille est signalée non enregistrée, et quitter la page le demande' : 'sans JavaScript, aucune ligne de la grille n’est signalée non enregistrée à tort', async () => {
      const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(page, 'chef.zay');
      const division = await divisionId(server, '0990002B', '3e A');
      await page.goto(`/etablissement/divisions/${division}/conseil/avis-provisoires`);
      const markers = page.locator('[data-unsaved-marker]');
      const visibleMarkers = async () => {
        let visible = 0;
        for (let index = 0; index < (await markers.count()); index++) if (await markers.nth(index).isVisible()) visible++;
        return visible;
      };
      expect(await markers.count()).toBeGreaterThan(0);
      expect(await visibleMarkers()).toBe(0);
      if (javaScript) {
        const select = page.locator('select[name^="reponse-"]').first();
        await select.selectOption({ value: 'reserved' });
        expect(await visibleMarkers()).toBe(1);
        const row = select.locator('xpath=ancestor::tr');
        expect(await row.innerText()).toContain('Modifications non enregistrées');
        await expectNoAxeViolations(page);
        await page.getByRole('link', { name: 'Retour à l’établissement' }).click();
        const leave = page.getByRole('dialog', { name: 'Des lignes de la grille ne sont pas enregistrées. Êtes-vous sûr de vouloir quitter cette page ?' });
        await leave.waitFor();
        await expectNoAxeViolations(page);
        await leave.getByRole('button', { name: 'Annuler' }).click();
        expect(new URL(page.url()).pathname).toBe(`/etablissement/divisions/${division}/conseil/avis-provisoires`);
        // Saved, the row is no longer unsaved, and leaving asks nothing.
        await row.getByRole('button', { name: /^Enregistrer/ }).click();
        await page.waitForFunction(() => (document.getElementById('annonces')?.textContent ?? '').startsWith('Ligne enregistrée'));
        expect(await visibleMarkers()).toBe(0);
        await navigation(page, () => page.getByRole('link', { name: 'Retour à l’établissement' }).click());
        expect(new URL(page.url()).pathname).toBe('/etablissement');
      }
      expectNoPageProblems(page);
      await closePage(page);
    });

    it('chef.zay saisit les avis de la 3e A au clavier seul, les publie, imprime les lettres de la division, et une famille de la 3e A lit son avis', async () => {
      const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(page, 'chef.zay');
      const division = await divisionId(server, '0990002B', '3e A');
      await page.goto(`/etablissement/divisions/${division}/conseil/avis-provisoires`);
      await expectNoAxeViolationsWhenPossible(page);

      // The first answer of the grid: focus it with Tab, choose « Avis défavorable » with the keyboard.
      await tabTo(page, (element) => element.tag === 'select' && /^reponse-\d+-1$/.test(element.name ?? ''));
      const field = await page.evaluate(() => document.activeElement!.getAttribute('name')!);
      const pupilId = /^reponse-(\d+)-1$/.exec(field)![1]!;
      await page.keyboard.press('End');
      expect(await page.locator(`[name="${field}"]`).inputValue()).toBe('unfavorable');
      const focused = await focusedElement(page);
      expect(focused && hasVisibleFocusIndicator(focused)).toBe(true);

      await tabTo(page, (element) => element.tag === 'button' && element.text.startsWith('Enregistrer') && element.text.includes('la ligne'));
      if (javaScript) {
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => (document.getElementById('annonces')?.textContent ?? '').startsWith('Ligne enregistrée'));
        const active = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
        expect(active).toMatch(/^Enregistrer/);
      } else {
        await navigation(page, () => page.keyboard.press('Enter'));
        expect(await page.locator('main').innerText()).toContain('1 ligne(s) enregistrée(s).');
      }
      await expectNoAxeViolationsWhenPossible(page);
      expect(await page.locator(`[name="reponse-${pupilId}-1"]`).inputValue()).toBe('unfavorable');

      await tabTo(page, (element) => element.tag === 'button' && element.text === 'Publier les avis pour la division', 200);
      await navigation(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('Publier les avis pour la division 3e A ?');
      await expectNoAxeViolationsWhenPossible(page);
      await tabTo(page, (element) => element.tag === 'button' && element.text === 'Confirmer la publication');
      await navigation(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('main').innerText()).toContain('Publication effectuée');
      await expectNoAxeViolationsWhenPossible(page);
      const file = await server.database.db
        .selectFrom('pupil_file')
        .select('provisional_status')
        .where('pupil_id', '=', Number(pupilId))
        .executeTakeFirstOrThrow();
      expect(file.provisional_status).toBe('published');

      // The letters of the division's families, then one of them signs in and reads the avis.
      await page.goto('/etablissement/comptes');
      await page.getByLabel('Division').selectOption({ label: '3e A' });
      await navigation(page, () => page.getByRole('button', { name: /Générer les comptes/ }).click());
      const letter = page.locator('article.letter').first();
      const login_ = (await letter.locator('dd strong').first().innerText()).trim();
      const password = (await letter.locator('.password').innerText()).trim();
      const child = /(?:de|d’) (\S+ \S+)$/.exec((await letter.locator('p').first().innerText()).trim())?.[1];
      expectNoPageProblems(page);
      await closePage(page);

      const parent = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(parent, login_, password);
      expect(new URL(parent.url()).pathname).toBe('/mot-de-passe');
      await parent.getByLabel('Nouveau mot de passe', { exact: true }).fill('un mot de passe familial');
      await parent.getByLabel('Confirmer le nouveau mot de passe').fill('un mot de passe familial');
      await navigation(parent, () => parent.getByRole('button', { name: 'Enregistrer le mot de passe' }).click());
      await parent.goto('/famille');
      await navigation(parent, () => parent.getByRole('link', { name: /^Orientation de / }).first().click());
      await navigation(parent, () => parent.getByRole('link', { name: "Consulter l'avis provisoire et en accuser réception" }).click());
      expect(await parent.locator('main').innerText(), `famille de ${child ?? '?'}`).toMatch(/Avis (favorable|réservé|défavorable)/);
      await expectNoAxeViolationsWhenPossible(parent);
      expectNoPageProblems(parent);
      await closePage(parent);
    });

    it('chef.hugo enregistre le refus papier de la famille de Nathan Roux, puis l’entretien et la décision', async () => {
      const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(page, 'chef.hugo');
      const nathan = await server.database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Nathan').where('last_name', '=', 'Roux').executeTakeFirstOrThrow();
      await page.goto(`/etablissement/eleves/${nathan.id}`);
      await expectNoAxeViolationsWhenPossible(page);
      await page.getByLabel('N’accepter aucune proposition').check();
      await navigation(page, () => page.getByRole('button', { name: 'Enregistrer la réponse (saisie papier)' }).click());
      expect(await page.locator('main').innerText()).toContain('en dialogue : entretien à mener');
      await page.getByLabel('Compte rendu de l’entretien').fill('Entretien avec la famille : elle demande la 1re générale.');
      await navigation(page, () => page.getByRole('button', { name: 'Enregistrer l’entretien' }).click());
      expect(await page.locator('main').innerText()).toContain('La saisie a été enregistrée');
      await page.getByRole('group', { name: 'Voie(s) décidée(s)' }).getByLabel('1re générale').check();
      await page.getByLabel(/^Motivations/).fill('La décision suit la demande de la famille.');
      await navigation(page, () => page.getByRole('button', { name: 'Enregistrer la décision' }).click());
      const text = await page.locator('main').innerText();
      expect(text).toContain('Décision du chef d’établissement le');
      expect(text).toMatch(/Appel possible jusqu’au \d\d\/\d\d\/\d{4} à 23 h 59/);
      await expectNoAxeViolationsWhenPossible(page);
      expectNoPageProblems(page);
      await closePage(page);
    });

    it('à 320 px de large, l’accueil, la grille du conseil et le suivi ne défilent pas horizontalement', async () => {
      const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl, viewport: { width: 320, height: 800 } });
      await login(page, 'chef.zay');
      const division = await divisionId(server, '0990002B', '3e B');
      for (const path of ['/etablissement', `/etablissement/divisions/${division}/conseil/avis-provisoires`, `/etablissement/divisions/${division}/suivi`, '/etablissement/campagne']) {
        await page.goto(path);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      }
      await closePage(page);
    });

    it(javaScript ? 'les autres pages de l’établissement et de l’académie n’ont aucune violation axe-core' : 'les autres pages de l’établissement et de l’académie s’utilisent sans JavaScript', async () => {
      const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(page, 'chef.veil');
      const division = await divisionId(server, '0990003C', '2de 1');
      for (const path of [
        '/etablissement/campagne',
        `/etablissement/divisions/${division}/suivi`,
        `/etablissement/divisions/${division}/suivi?filtre=sans-compte`,
        `/etablissement/divisions/${division}/conseil/propositions`,
        '/etablissement/personnels',
        '/etablissement/import',
        '/etablissement/journal',
      ]) {
        await page.goto(path);
        await expectNoAxeViolationsWhenPossible(page);
      }
      // A calendar error shown.
      await page.goto('/etablissement/campagne');
      await page.locator('[name="choices-ouverture-date"]').fill('2020-01-01');
      await navigation(page, () => page.getByRole('button', { name: 'Enregistrer le calendrier et les réglages' }).click());
      expect(await page.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolationsWhenPossible(page);
      expectNoPageProblems(page);
      await closePage(page);

      const admin = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
      await login(admin, 'admin.academie');
      await expectNoAxeViolationsWhenPossible(admin);
      await admin.goto('/academie/etablissements/nouveau');
      await navigation(admin, () => admin.getByRole('button', { name: 'Ajouter l’établissement' }).click());
      expect(await admin.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolationsWhenPossible(admin);
      await admin.getByLabel('Numéro UAI').fill('0990077X');
      await admin.getByLabel('Nom de l’établissement').fill('Collège Marie Curie');
      await admin.getByLabel('Collège (palier 3e)').check();
      await navigation(admin, () => admin.getByRole('button', { name: 'Ajouter l’établissement' }).click());
      await expectNoAxeViolationsWhenPossible(admin);
      expectNoPageProblems(admin);
      await closePage(admin);
    });
  });
}
