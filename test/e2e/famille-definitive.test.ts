import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, expectNoAxeViolations, focusedElement, hasVisibleFocusIndicator, launchBrowser, login, navigation, newPage, pageProblems } from '../support/browser.js';
import { withServer, type E2EServer } from '../support/e2e-server.js';
import { pupilIdOf } from '../support/family-fixtures.js';

// The phase définitive as families meet it in Chromium, with and without JavaScript: the choix
// définitifs in the add dialog (or its page), moving them, « Valider les choix définitifs », the
// récapitulatif; the réponse to the propositions through its check page; the other
// representative's accord and the « Décision » step. axe-core on every state visited with JS.

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
    const result = await body(page);
    const { cspViolations, pageErrors, failedResources } = pageProblems(page);
    expect([...cspViolations, ...pageErrors, ...failedResources.filter((line) => !/^POST .* : HTTP 422$/.test(line))], 'problèmes dans le navigateur').toEqual([]);
    return result;
  } finally {
    await closePage(page);
  }
}

const jsLabel = (javaScript: boolean) => (javaScript ? 'avec JavaScript' : 'sans JavaScript');
const liveText = (page: Page) => page.locator('#annonces').innerText();
const main = (page: Page) => page.locator('main').innerText();

type Fill = (scope: Page | ReturnType<Page['getByRole']>) => Promise<void>;

/** « + Ajouter un choix définitif », the voie and its details, then « Ajouter le choix définitif ». */
async function addChoice(page: Page, javaScript: boolean, voie: string, fill: Fill, announced: string): Promise<void> {
  const add = page.getByRole('link', { name: 'Ajouter un choix définitif' });
  if (javaScript) {
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Saisie des choix définitifs' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voie-1');
    await dialog.getByLabel(voie, { exact: true }).check();
    await fill(dialog);
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Ajouter le choix définitif' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => liveText(page)).toBe(announced);
  } else {
    await navigation(page, () => add.click());
    expect(await page.locator('h1').innerText()).toBe('Ajouter un choix définitif');
    await page.getByLabel(voie, { exact: true }).check();
    await fill(page);
    await navigation(page, () => page.getByRole('button', { name: 'Ajouter le choix définitif' }).click());
  }
}

async function press(page: Page, javaScript: boolean, locator: ReturnType<Page['locator']>): Promise<void> {
  if (javaScript) await locator.click();
  else await navigation(page, () => locator.click());
}

describe('phase définitive', () => {
  for (const javaScript of [true, false]) {
    it(`famille.veil.1 saisit trois choix définitifs, les classe, les valide ; famille.hugo.1 accepte la voie « Oui », famille.hugo.2 donne son accord et tous deux voient la décision (${jsLabel(javaScript)})`, async () => {
      await withServer(async (server) => {
        const ines = await pupilIdOf(server.database.db, 'Inès', 'Bernard');
        const nathan = await pupilIdOf(server.database.db, 'Nathan', 'Roux');

        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.veil.1');
          await page.goto(`/orientation/${ines}`);
          expect(await main(page)).toContain('Vous formulez vos choix définitifs qui seront étudiés par le conseil de classe du troisième trimestre.');
          if (javaScript) await expectNoAxeViolations(page);
          await navigation(page, () => page.getByRole('link', { name: "Je formule les choix définitifs d'orientation" }).click());
          expect(new URL(page.url()).pathname).toBe(`/orientation/${ines}/choix-definitifs`);
          expect(await main(page)).toContain('Troisième trimestre DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Choix définitif(s).');
          if (javaScript) await expectNoAxeViolations(page);

          await addChoice(page, javaScript, 'Autre parcours : un accès à la voie professionnelle', async (scope) => {
            await scope.getByLabel('Formation demandée').selectOption({ label: '2de professionnelle' });
          }, 'Choix définitif ajouté au rang 1');
          await addChoice(page, javaScript, '1re générale', async (scope) => {
            await scope.getByLabel('Veuillez choisir un enseignement de spécialité (1 sur 3)').selectOption({ value: 'MATHS' });
            await scope.getByLabel('Veuillez choisir un enseignement de spécialité (2 sur 3)').selectOption({ value: 'SI' });
            await scope.getByLabel('Veuillez choisir un enseignement de spécialité (3 sur 3)').selectOption({ value: 'NSI' });
          }, 'Choix définitif ajouté au rang 2');
          await addChoice(page, javaScript, '1re technologique', async (scope) => {
            await scope.getByLabel('Série').selectOption({ value: 'STL' });
            await scope.getByLabel('Spécialité (1re STL)').selectOption({ label: 'sciences physiques et chimiques en laboratoire' });
          }, 'Choix définitif ajouté au rang 3');
          expect(await main(page)).toContain("Vous devez valider vos choix définitifs afin qu'ils soient pris en compte.");

          await press(page, javaScript, page.locator('#monter-2'));
          if (javaScript) await expect.poll(() => liveText(page)).toBe('Choix définitif déplacé au rang 1');
          await press(page, javaScript, page.locator('#monter-3'));
          if (javaScript) {
            await expect.poll(() => liveText(page)).toBe('Choix définitif déplacé au rang 2');
            await expectNoAxeViolations(page);
          }
          await press(page, javaScript, page.getByRole('button', { name: 'Valider les choix définitifs', exact: true }));
          await expect.poll(() => main(page)).toContain('Vos choix définitifs ont bien été validés.');
          const recap = await main(page);
          expect(recap).toMatch(/Rang 1 :\s*1re générale/);
          expect(recap).toContain('(hors établissement)');
          expect(recap).toMatch(/Rang 2 :\s*1re technologique : 1re STL/);
          expect(recap).toContain('sciences physiques et chimiques en laboratoire');
          expect(recap).toMatch(/Rang 3 :\s*Autre parcours : un accès à la voie professionnelle/);
          if (javaScript) await expectNoAxeViolations(page);
        });

        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.hugo.1');
          await page.goto(`/orientation/${nathan}`);
          await navigation(page, () => page.getByRole('link', { name: 'Je consulte et je réponds aux propositions du conseil de classe' }).click());
          expect(await main(page)).toContain('L’un ou l’autre des représentants légaux peut répondre aux propositions du conseil de classe');
          if (javaScript) await expectNoAxeViolations(page);
          await page.getByLabel('J’accepte : 1re technologique : 1re STMG').check();
          await press(page, javaScript, page.getByRole('button', { name: 'Vérifier ma réponse' }));
          await expect.poll(() => main(page)).toContain('Vérification de votre réponse');
          if (javaScript) {
            await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('verification');
            await expectNoAxeViolations(page);
          }
          expect(await main(page)).toContain('J’accepte la proposition du conseil de classe : 1re technologique : 1re STMG');
          await press(page, javaScript, page.getByRole('button', { name: 'Confirmer ma réponse' }));
          await expect.poll(() => main(page)).toContain('Votre réponse aux propositions du conseil de classe est enregistrée.');
          expect(await main(page)).toMatch(/Réponse donnée le .* par vous/);
          if (javaScript) await expectNoAxeViolations(page);
        });

        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.hugo.2');
          await page.goto(`/orientation/${nathan}/propositions`);
          expect(await main(page)).toContain('Êtes-vous d’accord avec cette réponse ?');
          if (javaScript) await expectNoAxeViolations(page);
          await page.getByLabel('Oui', { exact: true }).check();
          await press(page, javaScript, page.getByRole('button', { name: 'Vérifier ma réponse' }));
          await expect.poll(() => main(page)).toContain('Vérification de votre réponse');
          await press(page, javaScript, page.getByRole('button', { name: 'Confirmer ma réponse' }));
          await expect.poll(() => main(page)).toContain('Votre réponse est enregistrée.');
          await page.goto(`/orientation/${nathan}/decision`);
          expect(await main(page)).toContain('La proposition du conseil de classe devient décision d’orientation');
          expect(await main(page)).toContain('1re technologique : 1re STMG');
          if (javaScript) await expectNoAxeViolations(page);
        });

        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.hugo.1');
          await page.goto(`/orientation/${nathan}/decision`);
          expect(await page.locator('[aria-current="step"]').innerText()).toContain('Décision');
          expect(await main(page)).toContain('La proposition du conseil de classe devient décision d’orientation');
        });
      });
    }, 120_000);
  }

  for (const javaScript of [true, false]) {
    it(`famille.hugo.1 n’accepte aucune proposition : après vérification, le dossier de Nathan passe en dialogue (${jsLabel(javaScript)})`, async () => {
      await withServer(async (server) => {
        const nathan = await pupilIdOf(server.database.db, 'Nathan', 'Roux');
        await withPage(server, javaScript, async (page) => {
          await login(page, 'famille.hugo.1');
          await page.goto(`/orientation/${nathan}/propositions`);
          await page.getByLabel('N’accepter aucune proposition', { exact: true }).check();
          await press(page, javaScript, page.getByRole('button', { name: 'Vérifier ma réponse' }));
          await expect.poll(() => main(page)).toContain('Vérification de votre réponse');
          if (javaScript) await expectNoAxeViolations(page);
          await press(page, javaScript, page.getByRole('button', { name: 'Confirmer ma réponse' }));
          await expect.poll(() => main(page)).toContain('Votre réponse aux propositions du conseil de classe est enregistrée.');
          await page.goto(`/orientation/${nathan}/decision`);
          await expect.poll(() => main(page)).toContain('Dossier en dialogue avec le chef d’établissement');
          if (javaScript) await expectNoAxeViolations(page);
        });
      });
    }, 120_000);
  }

  it('au clavier seul, famille.veil.1 ajoute une 1re générale et ses trois spécialités, puis valide ses choix définitifs', async () => {
    await withServer(async (server) => {
      const ines = await pupilIdOf(server.database.db, 'Inès', 'Bernard');
      await withPage(server, true, async (page) => {
        await login(page, 'famille.veil.1');
        await page.goto(`/orientation/${ines}/choix-definitifs`);
        const tabTo = async (matches: (focused: { id: string; text: string }) => boolean) => {
          for (let step = 0; step < 80; step++) {
            await page.keyboard.press('Tab');
            const focused = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));
            if (matches(focused)) {
              const shown = await focusedElement(page);
              expect(shown && hasVisibleFocusIndicator(shown), focused.id || focused.text).toBe(true);
              return;
            }
          }
          throw new Error('élément jamais atteint au clavier');
        };
        await tabTo((focused) => focused.text.includes('Ajouter un choix définitif'));
        await page.keyboard.press('Enter');
        await page.getByRole('dialog', { name: 'Saisie des choix définitifs' }).waitFor();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voie-1');
        await page.keyboard.press('Space');
        expect(await page.locator('#voie-1').isChecked()).toBe(true);
        for (const [slot, typed, code] of [
          [1, 'Mathématiques', 'MATHS'],
          [2, 'Physique', 'PC'],
          [3, 'Numérique', 'NSI'],
        ] as const) {
          await tabTo((focused) => focused.id === `specialite-${slot}`);
          await page.keyboard.type(typed);
          await expect.poll(() => page.locator(`#specialite-${slot}`).inputValue()).toBe(code);
        }
        await tabTo((focused) => focused.text === 'Ajouter le choix définitif');
        await page.keyboard.press('Enter');
        await expect.poll(() => liveText(page)).toBe('Choix définitif ajouté au rang 1');
        await tabTo((focused) => focused.text === 'Valider les choix définitifs');
        await page.keyboard.press('Enter');
        await expect.poll(() => main(page)).toContain('Vos choix définitifs ont bien été validés.');
        expect(await main(page)).toMatch(/Rang 1 :\s*1re générale/);
      });
    });
  }, 120_000);
});
