import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, expectNoAxeViolations, focusedElement, launchBrowser, login, navigation, newPage, pageProblems } from '../support/browser.js';
import { withServer, type E2EServer } from '../support/e2e-server.js';
import { openSecondeIntentions, pupilIdOf } from '../support/family-fixtures.js';

// The phase provisoire as families meet it in Chromium: intentions with and without JavaScript,
// the add dialog, moving wishes, validation, read-only views, the leave-page warning, the avis
// provisoire and its accusé de réception, the keyboard alone; axe-core on every state visited.

const DRAFT_BANNER = "Vous devez valider vos intentions afin qu'elles soient prises en compte.";
const AUTHOR_ONLY = 'Seul le représentant ayant saisi les intentions peut apporter des modifications.';
const ACK_LEAVE = "Vous n'avez pas validé l'accusé de réception, êtes-vous sûr de vouloir quitter cette page ?";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});


async function withPage<T>(server: E2EServer, javaScript: boolean, body: (page: Page) => Promise<T>): Promise<T> {
  const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
  try {
    return await body(page);
  } finally {
    await closePage(page);
  }
}

/**
 * No CSP violation, script error or failed CSS/JS/image: a form answered 422 through htmx (an
 * error summary shown on purpose) is the only non-2xx sub-request allowed.
 */
function expectNoPageProblems(page: Page): void {
  const { cspViolations, pageErrors, failedResources } = pageProblems(page);
  const unexpected = [...cspViolations, ...pageErrors, ...failedResources.filter((line) => !/^POST .* : HTTP 422$/.test(line))];
  expect(unexpected, 'problèmes dans le navigateur').toEqual([]);
}

const jsLabel = (javaScript: boolean) => (javaScript ? 'avec JavaScript' : 'sans JavaScript');
const liveText = (page: Page) => page.locator('#annonces').innerText();
const main = (page: Page) => page.locator('main').innerText();

/** Adds one wish the way a person does: « Ajouter une intention », the voie, its details, then « Ajouter l'intention ». */
async function addWish(page: Page, javaScript: boolean, voie: string, details: { metier?: string; scolaire?: boolean } = {}): Promise<void> {
  const add = page.getByRole('link', { name: 'Ajouter une intention' });
  if (javaScript) {
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voie-1');
    await dialog.getByLabel(voie, { exact: true }).check();
    if (details.metier) await dialog.getByLabel('Métier ou formation').fill(details.metier);
    if (details.scolaire) await dialog.getByLabel('Sous statut scolaire').check();
    await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
    await dialog.waitFor({ state: 'hidden' });
  } else {
    await navigation(page, () => add.click());
    expect(await page.locator('h1').innerText()).toBe('Ajouter une intention');
    await page.getByLabel(voie, { exact: true }).check();
    if (details.metier) await page.getByLabel('Métier ou formation').fill(details.metier);
    if (details.scolaire) await page.getByLabel('Sous statut scolaire').check();
    await navigation(page, () => page.getByRole('button', { name: "Ajouter l'intention" }).click());
  }
}

async function click(page: Page, javaScript: boolean, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if (javaScript) await button.click();
  else await navigation(page, () => button.click());
}

describe('saisie des intentions de 3e', () => {
  for (const javaScript of [true, false]) {
    it(`famille.aubrac.1 ajoute deux intentions, monte le CAP au rang 1, valide et voit le récapitulatif ; l’autre parent et l’élève le lisent (${jsLabel(javaScript)})`, async () => {
      await withServer(async (server) => {
        const lea = await pupilIdOf(server.database.db, 'Léa', 'Martin');
        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.aubrac.1');
          await navigation(page, () => page.getByRole('link', { name: 'Orientation de Léa Martin' }).click());
          expect(await page.locator('[aria-current="step"]').innerText()).toContain('Intentions provisoires');
          if (javaScript) await expectNoAxeViolations(page);
          await navigation(page, () => page.getByRole('link', { name: 'Saisir les intentions' }).click());
          expect(new URL(page.url()).pathname).toBe(`/orientation/${lea}/intentions`);

          if (javaScript) {
            // An empty choice shows the error summary inside the dialog, with focus on it.
            await page.getByRole('link', { name: 'Ajouter une intention' }).click();
            const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
            await dialog.waitFor();
            await expectNoAxeViolations(page);
            await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
            await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('erreurs');
            expect(await dialog.getByRole('alert').innerText()).toContain('Vous devez sélectionner une voie.');
            await expectNoAxeViolations(page);
            await page.keyboard.press('Escape');
            await dialog.waitFor({ state: 'hidden' });
            await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toContain('Ajouter une intention');
          }

          await addWish(page, javaScript, '2de professionnelle', { metier: 'Ébéniste', scolaire: true });
          expect(await main(page)).toContain(DRAFT_BANNER);
          if (javaScript) {
            await expect.poll(() => liveText(page)).toBe('Intention ajoutée au rang 1');
            await expectNoAxeViolations(page);
          }
          await addWish(page, javaScript, '1re année de CAP');
          if (javaScript) await expect.poll(() => liveText(page)).toBe('Intention ajoutée au rang 2');
          expect(await main(page)).toContain('Intention 2 : 1re année de CAP');

          await click(page, javaScript, "Monter l'intention 2 : 1re année de CAP");
          // With JavaScript the swap lands a moment after the click: wait for it, as a person would.
          await expect.poll(() => main(page)).toContain('Intention déplacée au rang 1');
          if (javaScript) {
            await expect.poll(() => liveText(page)).toBe('Intention déplacée au rang 1');
            await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe("Descendre l'intention 1 : 1re année de CAP");
          }
          await click(page, javaScript, 'Valider');
          await expect.poll(() => main(page)).toContain("Vos intentions ont bien été validées.");
          const recap = await main(page);
          expect(recap).toMatch(/Intention 1 : 1re année de CAP\s+Intention 2 : 2de professionnelle\s+Métier ou formation : Ébéniste\s+Sous statut scolaire/);
          expect(recap).toMatch(/Modification possible jusqu'au \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2}/);
          expect(recap).not.toContain(DRAFT_BANNER);
          if (javaScript) await expectNoAxeViolations(page);

          await navigation(page, () => page.getByRole('link', { name: 'Version imprimable du récapitulatif' }).click());
          await page.emulateMedia({ media: 'print' });
          expect(await page.getByRole('navigation', { name: 'Mon compte' }).isVisible()).toBe(false);
          expect(await main(page)).toMatch(/Par\s+Sophie Martin/);
          const pdfHeight = await page.evaluate(() => document.documentElement.scrollHeight);
          expect(pdfHeight, 'le récapitulatif tient sur une page A4 (1123 px à 96 dpi)').toBeLessThan(1123);
          await page.emulateMedia({ media: 'screen' });
          if (javaScript) await expectNoAxeViolations(page);
          expectNoPageProblems(page);
        });

        for (const reader of ['famille.aubrac.2', 'eleve.aubrac']) {
          await withPage(server, javaScript, async (page) => {
            await login(page, reader);
            await page.goto(`/orientation/${lea}/intentions`);
            const text = await main(page);
            expect(text, reader).toContain(AUTHOR_ONLY);
            expect(text).toContain('Intention 1 : 1re année de CAP');
            expect(await page.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
            expect(await page.getByRole('link', { name: 'Ajouter une intention' }).count()).toBe(0);
            if (javaScript) await expectNoAxeViolations(page);
            expectNoPageProblems(page);
          });
        }
      });
    });
  }

  it('au clavier seul, une famille saisit, classe et valide ses intentions en voyant toujours le focus', async () => {
    await withServer(async (server) => {
      const lea = await pupilIdOf(server.database.db, 'Léa', 'Martin');
      await withPage(server, true, async (page) => {
        await login(page, 'famille.aubrac.1');
        await page.goto(`/orientation/${lea}/intentions`);
        /** Presses Tab until the focused element's text or label matches, checking each stop shows its focus. */
        async function tabTo(name: string | RegExp): Promise<void> {
          for (let index = 0; index < 60; index++) {
            await page.keyboard.press('Tab');
            const focused = await focusedElement(page);
            if (!focused) continue;
            expect(focused.focusVisible, `${focused.element} sans focus visible`).toBe(true);
            const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
            const text = label || focused.text;
            if (typeof name === 'string' ? text === name : name.test(text)) return;
          }
          throw new Error(`« ${String(name)} » n’est pas atteignable au clavier`);
        }
        await tabTo('+ Ajouter une intention');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voie-1');
        await page.keyboard.press('ArrowDown');
        expect(await page.getByLabel('2de professionnelle', { exact: true }).isChecked()).toBe(true);
        await tabTo('occupation');
        await page.keyboard.type('Ébéniste');
        await tabTo('schoolStatus');
        await page.keyboard.press('Space');
        await tabTo("Ajouter l'intention");
        await page.keyboard.press('Enter');
        await expect.poll(() => liveText(page)).toBe('Intention ajoutée au rang 1');

        await tabTo('+ Ajouter une intention');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voie-1');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        expect(await page.getByLabel('1re année de CAP', { exact: true }).isChecked()).toBe(true);
        await tabTo("Ajouter l'intention");
        await page.keyboard.press('Enter');
        await expect.poll(() => liveText(page)).toBe('Intention ajoutée au rang 2');

        await tabTo("Monter l'intention 2 : 1re année de CAP");
        await page.keyboard.press('Enter');
        await expect.poll(() => liveText(page)).toBe('Intention déplacée au rang 1');
        await tabTo('Valider');
        await page.keyboard.press('Enter');
        await expect.poll(() => main(page)).toContain('Vos intentions ont bien été validées.');
        expect(await main(page)).toMatch(/Intention 1 : 1re année de CAP\s+Intention 2 : 2de professionnelle/);
        expectNoPageProblems(page);
      });
    });
  });

  it('quitter la page avec une saisie non validée demande confirmation ; sans JavaScript la saisie reste gardée', async () => {
    await withServer(async (server) => {
      const lea = await pupilIdOf(server.database.db, 'Léa', 'Martin');
      await withPage(server, true, async (page) => {
        await login(page, 'famille.aubrac.1');
        await page.goto(`/orientation/${lea}/intentions`);
        await addWish(page, true, '1re année de CAP');
        await page.getByRole('link', { name: 'Retour à l’orientation de Léa Martin'.replace('’', "'") }).click();
        const leave = page.getByRole('dialog', { name: "Vous n'avez pas validé vos modifications, êtes-vous sûr de vouloir quitter cette page ?" });
        await leave.waitFor();
        await expectNoAxeViolations(page);
        await leave.getByRole('button', { name: 'Annuler' }).click();
        await leave.waitFor({ state: 'hidden' });
        expect(new URL(page.url()).pathname).toBe(`/orientation/${lea}/intentions`);

        // Closing the tab: the browser's own prompt.
        const prompts: string[] = [];
        page.on('dialog', async (dialog) => {
          prompts.push(dialog.type());
          await dialog.dismiss();
        });
        await page.close({ runBeforeUnload: true });
        await expect.poll(() => prompts).toEqual(['beforeunload']);
      }).catch((error: unknown) => {
        if (!String(error).includes('closed')) throw error;
      });

      await withPage(server, true, async (page) => {
        await login(page, 'famille.aubrac.1');
        await page.goto(`/orientation/${lea}/intentions`);
        await page.getByRole('link', { name: "Retour à l'orientation de Léa Martin" }).click();
        const leave = page.getByRole('dialog');
        await leave.waitFor();
        await navigation(page, () => leave.getByRole('button', { name: 'OK' }).click());
        expect(new URL(page.url()).pathname).toBe(`/orientation/${lea}`);
      });

      await withPage(server, false, async (page) => {
        await login(page, 'famille.aubrac.1');
        await page.goto(`/orientation/${lea}/intentions`);
        const text = await main(page);
        expect(text).toContain(DRAFT_BANNER);
        expect(text).toContain('Votre saisie en cours est conservée');
        expect(text).toContain('Intention 1 : 1re année de CAP');
      });
    });
  });
});

describe('saisie des intentions de 2de', () => {
  it('une famille de 2de choisit la 1re générale avec 5 spécialités dont une hors établissement, puis une 1re STL, et valide', async () => {
    await withServer(async (server) => {
      const { pupilId, login: account } = await openSecondeIntentions(server.database.db, new Date());
      await withPage(server, true, async (page) => {
        await login(page, account);
        await page.goto(`/orientation/${pupilId}/intentions`);
        await page.getByRole('link', { name: 'Ajouter une intention' }).click();
        const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
        await dialog.waitFor();
        await dialog.getByLabel('1re générale', { exact: true }).check();
        const picks = ['Mathématiques', 'Physique-chimie', 'Sciences de la vie et de la Terre', 'Sciences économiques et sociales'];
        for (const [index, label] of picks.entries()) await dialog.getByLabel(`Enseignement de spécialité ${index + 1}`, { exact: true }).selectOption({ label });
        await dialog.getByLabel(/Enseignement de spécialité 5/).selectOption({ label: 'Arts : cinéma-audiovisuel (hors établissement)' });
        await expectNoAxeViolations(page);
        await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(() => liveText(page)).toBe('Intention ajoutée au rang 1');

        await page.getByRole('link', { name: 'Ajouter une intention' }).click();
        await dialog.waitFor();
        await dialog.getByLabel('1re technologique', { exact: true }).check();
        await dialog.getByLabel('Série').selectOption('STL');
        await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
        expect(await dialog.getByRole('alert').innerText()).toContain('Vous devez remplir le champ « Spécialité » de la 1re STL.');
        await expectNoAxeViolations(page);
        await dialog.getByLabel('Spécialité (1re STL)').selectOption({ label: 'biotechnologies' });
        await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByRole('button', { name: 'Valider', exact: true }).click();
        await expect.poll(() => main(page)).toContain('Vos intentions ont bien été validées.');
        const text = await main(page);
        expect(text).toContain('Arts : cinéma-audiovisuel (hors établissement)');
        expect(text).toContain('Intention 2 : 1re technologique : 1re STL');
        await expectNoAxeViolations(page);
        expectNoPageProblems(page);
      });
    });
  });
});

describe('avis provisoire', () => {
  for (const javaScript of [true, false]) {
    it(`famille.zay.2 lit l’avis provisoire de Hugo et en accuse réception (${jsLabel(javaScript)})`, async () => {
      await withServer(async (server) => {
        const hugo = await pupilIdOf(server.database.db, 'Hugo', 'Petit');
        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.zay.2');
          await page.goto(`/orientation/${hugo}`);
          await navigation(page, () => page.getByRole('link', { name: "Consulter l'avis provisoire et en accuser réception" }).click());
          expect(await page.locator('h1').innerText()).toBe("AVIS PROVISOIRE(S) D'ORIENTATION");
          expect(await main(page)).toMatch(/Avis (favorable|réservé|défavorable)/);
          if (javaScript) {
            await expectNoAxeViolations(page);
            await page.getByRole('link', { name: 'Retour à l’orientation de Hugo Petit'.replace('’', "'") }).click();
            const leave = page.getByRole('dialog', { name: ACK_LEAVE });
            await leave.waitFor();
            await expectNoAxeViolations(page);
            await leave.getByRole('button', { name: 'Annuler' }).click();
          }
          await click(page, javaScript, 'Valider');
          expect(await page.getByRole('alert').innerText()).toContain('Vous devez cocher la case');
          if (javaScript) await expectNoAxeViolations(page);
          await page.getByLabel("J'ai bien pris connaissance de l'avis provisoire d'orientation du conseil de classe.").check();
          await click(page, javaScript, 'Valider');
          await expect.poll(() => main(page)).toMatch(/Vous avez pris connaissance et accusé réception de l'avis provisoire du conseil de classe le \d{2}\/\d{2}\./);
          if (javaScript) {
            await expectNoAxeViolations(page);
            // Acknowledged: nothing is left unsaved, leaving asks nothing.
            await navigation(page, () => page.getByRole('link', { name: "Retour à l'orientation de Hugo Petit" }).click());
            expect(await main(page)).toContain('Karim Petit (représentant légal) a accusé réception de l’avis provisoire du conseil de classe.');
          }
          expectNoPageProblems(page);
        });
      });
    });
  }
});
