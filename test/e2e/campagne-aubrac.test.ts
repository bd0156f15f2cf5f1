import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, expectNoAxeViolations, launchBrowser, login, navigation, newPage, pageProblems } from '../support/browser.js';
import { withServer, type E2EServer } from '../support/e2e-server.js';
import { pupilIdOf } from '../support/family-fixtures.js';

// The acceptance walk of the school side: chef.aubrac runs the whole campaign of the Collège
// Lucie Aubrac from the browser — close the intentions, enter and publish the avis, open the
// accusé de réception and the choix définitifs, close them, enter and publish the propositions,
// open the response — while Léa Martin's two legal representatives see and do each step, up to
// the decision. The service's clock moves forward between the councils (weeks of a campaign);
// sessions expire meanwhile, so every step signs in again, as people would.

const DAY = 24 * 60 * 60 * 1000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const main = (page: Page) => page.locator('main').innerText();

async function as<T>(server: E2EServer, javaScript: boolean, identifiant: string, body: (page: Page) => Promise<T>): Promise<T> {
  const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
  try {
    await login(page, identifiant);
    const result = await body(page);
    const { cspViolations, pageErrors, failedResources } = pageProblems(page);
    expect([...cspViolations, ...pageErrors, ...failedResources], 'problèmes dans le navigateur').toEqual([]);
    return result;
  } finally {
    await closePage(page);
  }
}

async function press(page: Page, javaScript: boolean, locator: ReturnType<Page['locator']>): Promise<void> {
  if (javaScript) await locator.click();
  else await navigation(page, () => locator.click());
}

/** « Ouvrir maintenant » or « Fermer maintenant » on the campaign page. */
async function windowNow(page: Page, action: 'Ouvrir' | 'Fermer', window: string): Promise<void> {
  await page.goto('/etablissement/campagne');
  await navigation(page, () => page.getByRole('button', { name: `${action} maintenant : ${window}` }).click());
  expect(await main(page), `${action} ${window}`).toContain(action === 'Ouvrir' ? 'La période a été ouverte.' : 'La période a été fermée');
}

/** One row of the council grid: the answer for rank 1, saved on its own (htmx, or the whole form without JavaScript). */
async function answerRow(page: Page, javaScript: boolean, pupilId: number, rowName: string, answer: string): Promise<void> {
  await page.locator(`[name="reponse-${pupilId}-1"]`).selectOption({ label: answer });
  const save = page.getByRole('button', { name: `Enregistrer la ligne de ${rowName}` });
  if (javaScript) {
    await save.click();
    await expect.poll(() => page.locator('#annonces').innerText()).toBe(`Ligne enregistrée : ${rowName}`);
  } else {
    await navigation(page, () => save.click());
    expect(await main(page)).toContain('1 ligne(s) enregistrée(s).');
  }
}

/** The rest of the division as the council decided: every answer still empty gets `answer`, then « Enregistrer toute la grille ». */
async function answerTheRest(page: Page, answer: string): Promise<void> {
  const empty = page.locator('select[name^="reponse-"]');
  for (let index = 0; index < (await empty.count()); index++) {
    const select = empty.nth(index);
    if ((await select.inputValue()) === '') await select.selectOption({ label: answer });
  }
  // A pupil without choix définitifs gets a voie proposed by the council.
  const rows = page.locator('.council-grid tbody tr');
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const proposable = row.locator('input[type="checkbox"][name^="voies-"]');
    if ((await row.locator('select[name^="reponse-"]').count()) === 0 && (await proposable.count()) > 0) await proposable.first().check();
  }
  await navigation(page, () => page.getByRole('button', { name: 'Enregistrer toute la grille' }).click());
  expect(await page.locator('main').innerText()).toMatch(/\d+ ligne\(s\) enregistrée\(s\)\./);
}

async function publish(page: Page, button: string): Promise<void> {
  await navigation(page, () => page.getByRole('button', { name: button }).click());
  expect(await page.locator('h1').innerText()).toMatch(/ \?$/);
  await navigation(page, () => page.getByRole('button', { name: 'Confirmer la publication' }).click());
  expect(await main(page)).toContain('Publication effectuée');
}

describe('une campagne entière du collège Lucie Aubrac, depuis le navigateur', () => {
  for (const javaScript of [true, false]) {
    it(`chef.aubrac mène la campagne jusqu’à la décision et la famille de Léa Martin voit chaque étape (JavaScript ${javaScript ? 'activé' : 'désactivé'})`, async () => {
      await withServer(async (server) => {
        const lea = await pupilIdOf(server.database.db, 'Léa', 'Martin');
        const division = await server.database.db.selectFrom('pupil').select('division_id').where('id', '=', lea).executeTakeFirstOrThrow();
        const grid = (phase: string) => `/etablissement/divisions/${division.division_id}/conseil/${phase}`;
        const audit = (page: Page) => (javaScript ? expectNoAxeViolations(page) : Promise.resolve());

        // 1. The family validates its intentions (the school could also copy a paper form).
        await as(server, javaScript, 'famille.aubrac.1', async (page) => {
          await page.goto(`/orientation/${lea}/intentions`);
          if (javaScript) {
            await page.getByRole('link', { name: 'Ajouter une intention' }).click();
            const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
            await dialog.getByLabel('2de générale et technologique ou 2de STHR', { exact: true }).check();
            await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
            await dialog.waitFor({ state: 'hidden' });
          } else {
            await navigation(page, () => page.getByRole('link', { name: 'Ajouter une intention' }).click());
            await page.getByLabel('2de générale et technologique ou 2de STHR', { exact: true }).check();
            await navigation(page, () => page.getByRole('button', { name: "Ajouter l'intention" }).click());
          }
          await press(page, javaScript, page.getByRole('button', { name: 'Valider', exact: true }));
          await expect.poll(() => main(page)).toContain('Vos intentions ont bien été validées.');
        });

        // 2. The head closes the intentions now: every file of the school is closed.
        await as(server, javaScript, 'chef.aubrac', async (page) => {
          await windowNow(page, 'Fermer', 'Saisie des intentions');
          await audit(page);
        });
        await as(server, javaScript, 'famille.aubrac.2', async (page) => {
          await page.goto(`/orientation/${lea}/intentions`);
          expect(await page.getByRole('link', { name: 'Ajouter une intention' }).count()).toBe(0);
          expect(await page.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
          expect(await main(page)).toContain('2de générale et technologique');
        });

        // 3. The provisional council has met (16 days later in the demo's calendar): avis entered and published.
        server.advanceClock(17 * DAY);
        await as(server, javaScript, 'chef.aubrac', async (page) => {
          await page.goto(grid('avis-provisoires'));
          await answerRow(page, javaScript, lea, 'Martin Léa', 'Avis favorable');
          await audit(page);
          await answerTheRest(page, 'Avis réservé');
          await publish(page, 'Publier les avis pour la division');
          await windowNow(page, 'Ouvrir', 'Accusé de réception de l’avis provisoire');
          await windowNow(page, 'Ouvrir', 'Saisie des choix définitifs');
        });

        // 4. The family reads the avis, acknowledges it, and validates its choix définitifs.
        await as(server, javaScript, 'famille.aubrac.1', async (page) => {
          await page.goto(`/orientation/${lea}/avis-provisoire`);
          expect(await main(page)).toContain('Avis favorable');
          await page.getByLabel("J'ai bien pris connaissance de l'avis provisoire d'orientation du conseil de classe.").check();
          await press(page, javaScript, page.getByRole('button', { name: 'Valider', exact: true }));
          await expect.poll(() => main(page)).toContain("accusé réception de l'avis provisoire");
          await page.goto(`/orientation/${lea}/choix-definitifs`);
          if (javaScript) {
            await page.getByRole('link', { name: 'Ajouter un choix définitif' }).click();
            const dialog = page.getByRole('dialog', { name: 'Saisie des choix définitifs' });
            await dialog.getByLabel('2de générale et technologique ou 2de STHR', { exact: true }).check();
            await dialog.getByRole('button', { name: 'Ajouter le choix définitif' }).click();
            await dialog.waitFor({ state: 'hidden' });
          } else {
            await navigation(page, () => page.getByRole('link', { name: 'Ajouter un choix définitif' }).click());
            await page.getByLabel('2de générale et technologique ou 2de STHR', { exact: true }).check();
            await navigation(page, () => page.getByRole('button', { name: 'Ajouter le choix définitif' }).click());
          }
          await press(page, javaScript, page.getByRole('button', { name: 'Valider les choix définitifs', exact: true }));
          await expect.poll(() => main(page)).toContain('Vos choix définitifs ont bien été validés.');
        });

        // 5. The head closes the choix définitifs; the final council meets (day 42): propositions, published; the response opens.
        await as(server, javaScript, 'chef.aubrac', async (page) => {
          await windowNow(page, 'Fermer', 'Saisie des choix définitifs');
        });
        server.advanceClock(26 * DAY);
        await as(server, javaScript, 'chef.aubrac', async (page) => {
          await page.goto(grid('propositions'));
          await answerRow(page, javaScript, lea, 'Martin Léa', 'Oui');
          await audit(page);
          await answerTheRest(page, 'Oui');
          await publish(page, 'Publier les propositions pour la division');
          await windowNow(page, 'Ouvrir', 'Réponse aux propositions du conseil de classe');
        });

        // 6. One representative accepts, the other agrees: the decision.
        await as(server, javaScript, 'famille.aubrac.1', async (page) => {
          await page.goto(`/orientation/${lea}/propositions`);
          await page.getByLabel(/^J’accepte : 2de générale et technologique/).check();
          await press(page, javaScript, page.getByRole('button', { name: 'Vérifier ma réponse' }));
          await expect.poll(() => main(page)).toContain('Vérification de votre réponse');
          await press(page, javaScript, page.getByRole('button', { name: 'Confirmer ma réponse' }));
          await expect.poll(() => main(page)).toContain('Votre réponse aux propositions du conseil de classe est enregistrée.');
        });
        await as(server, javaScript, 'famille.aubrac.2', async (page) => {
          await page.goto(`/orientation/${lea}/propositions`);
          await page.getByLabel('Oui', { exact: true }).check();
          await press(page, javaScript, page.getByRole('button', { name: 'Vérifier ma réponse' }));
          await press(page, javaScript, page.getByRole('button', { name: 'Confirmer ma réponse' }));
          await expect.poll(() => main(page)).toContain('Votre réponse est enregistrée.');
          await page.goto(`/orientation/${lea}/decision`);
          expect(await main(page)).toContain('La proposition du conseil de classe devient décision d’orientation');
          await audit(page);
        });

        // 7. The school sees the decision in the file, and every step in its history.
        await as(server, javaScript, 'chef.aubrac', async (page) => {
          await page.goto(`/etablissement/eleves/${lea}`);
          const file = await main(page);
          expect(file).toContain('décision d’orientation');
          for (const step of [
            'a validé les intentions d’orientation',
            'a clos la saisie des intentions',
            'a publié l’avis provisoire du conseil de classe',
            'a accusé réception de l’avis provisoire du conseil de classe',
            'a validé les choix définitifs',
            'a clos la saisie des choix définitifs',
            'a publié les propositions du conseil de classe',
            'a répondu aux propositions du conseil de classe',
            'a donné son accord à la réponse',
          ]) {
            expect(file, step).toContain(step);
          }
          await audit(page);
        });
      });
    }, 180_000);
  }
});
