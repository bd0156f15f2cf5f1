import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { rgaaScore } from '../../src/legal/rgaa-audit.js';
import {
  closePage,
  expectNoAxeViolations,
  expectNoPageProblems,
  focusedElement,
  hasVisibleFocusIndicator,
  launchBrowser,
  login,
  logout,
  navigation,
  newPage,
  type FocusedElement,
} from '../support/browser.js';
import { startE2EServer, type E2EServer } from '../support/e2e-server.js';

// The foundation as people meet it in a real browser: signing in and out with and without
// JavaScript, errors, the keyboard, axe-core on every page, 320 px reflow, titles and headings.

/** An account whose password is provisional: it must choose its own before anything else. */
const PROVISIONAL_LOGIN = 'famille.provisoire';
const WRONG_CREDENTIALS = 'Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez.';

let server: E2EServer;
let browser: Browser;
let leaId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  const { db } = server.database;
  const lea = await db
    .selectFrom('pupil')
    .select('id')
    .where('first_name', '=', 'Léa')
    .where('last_name', '=', 'Martin')
    .executeTakeFirstOrThrow();
  leaId = lea.id;
  const representative = await db
    .insertInto('representative')
    .values({ first_name: 'Paul', last_name: 'Provisoire', email: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_account')
    .values({
      login: PROVISIONAL_LOGIN,
      password_hash: await hashPassword('orientation'),
      must_change_password: true,
      role: 'representative',
      representative_id: representative.id,
    })
    .execute();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const jsLabel = (javaScript: boolean) => (javaScript ? 'avec JavaScript' : 'sans JavaScript');

/** Opens a page, runs the test body, always closes the context. */
async function withPage<T>(options: { javaScript: boolean; viewport?: { width: number; height: number } }, body: (page: Page) => Promise<T>): Promise<T> {
  const page = await newPage(browser, { ...options, baseUrl: server.baseUrl });
  try {
    return await body(page);
  } finally {
    await closePage(page);
  }
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const h1Texts = (page: Page) => page.locator('h1').allInnerTexts();

async function submitWrongPassword(page: Page, identifiant: string): Promise<void> {
  await login(page, identifiant, 'pas-le-bon-mot-de-passe');
}

/** The pages every visitor may meet, each reached the way a person would. */
type PageVisit = { name: string; open(page: Page): Promise<void> };

const asUser = (identifiant: string, path: () => string) => async (page: Page) => {
  await login(page, identifiant);
  expect(pathOf(page), `${identifiant} n’est pas arrivé sur sa page d’accueil`).not.toBe('/connexion');
  await page.goto(path());
};

const PAGES: PageVisit[] = [
  { name: 'la page de connexion', open: async (page) => void (await page.goto('/connexion')) },
  {
    name: 'la page de connexion avec une erreur',
    open: async (page) => {
      await submitWrongPassword(page, 'famille.zay.2');
      await expect(page.getByRole('alert').innerText()).resolves.toContain(WRONG_CREDENTIALS);
    },
  },
  {
    name: 'la page de connexion avec un champ vide',
    open: async (page) => {
      await page.goto('/connexion');
      await navigation(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Saisissez votre identifiant.');
    },
  },
  {
    name: 'le changement de mot de passe',
    open: asUser('famille.aubrac.2', () => '/mot-de-passe'),
  },
  {
    name: 'le changement de mot de passe avec des erreurs',
    open: async (page) => {
      await asUser('eleve.zay', () => '/mot-de-passe')(page);
      await navigation(page, () => page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click());
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Saisissez votre mot de passe actuel.');
    },
  },
  {
    name: 'le changement obligatoire d’un mot de passe provisoire',
    open: async (page) => {
      await login(page, PROVISIONAL_LOGIN);
      expect(pathOf(page)).toBe('/mot-de-passe');
      await expect(page.getByText('Le mot de passe transmis par l’établissement est provisoire.').count()).resolves.toBe(1);
      await expect(page.getByLabel('Mot de passe actuel').count()).resolves.toBe(0);
    },
  },
  { name: 'l’accueil d’une famille (/famille)', open: asUser('famille.aubrac.1', () => '/famille') },
  { name: 'l’orientation de Léa vue par sa famille', open: asUser('famille.aubrac.1', () => `/orientation/${leaId}`) },
  { name: 'l’accueil d’un élève (/eleve)', open: asUser('eleve.aubrac', () => '/eleve') },
  { name: 'l’accueil d’un établissement (/etablissement)', open: asUser('chef.aubrac', () => '/etablissement') },
  { name: 'l’accueil de l’académie (/academie)', open: asUser('admin.academie', () => '/academie') },
  { name: 'la page introuvable', open: async (page) => void (await page.goto('/cette-page-n-existe-pas')) },
  { name: 'la déclaration d’accessibilité', open: async (page) => void (await page.goto('/accessibilite')) },
  { name: 'les mentions légales', open: async (page) => void (await page.goto('/mentions-legales')) },
  { name: 'les données personnelles', open: async (page) => void (await page.goto('/donnees-personnelles')) },
];

describe('connexion et déconnexion', () => {
  for (const javaScript of [true, false]) {
    it(`une famille se connecte, voit ses enfants, puis se déconnecte (${jsLabel(javaScript)})`, async () => {
      await withPage({ javaScript }, async (page) => {
        await page.goto('/');
        expect(pathOf(page)).toBe('/connexion');
        expect(await h1Texts(page)).toEqual(['Connexion']);

        await login(page, 'famille.aubrac.1');
        expect(pathOf(page)).toBe('/famille');
        expect(await h1Texts(page)).toEqual(['Mes enfants']);
        expect(await page.getByRole('heading', { name: 'Léa Martin' }).isVisible()).toBe(true);
        expect(await page.getByRole('navigation', { name: 'Mon compte' }).innerText()).toContain('Sophie Martin');

        await logout(page);
        expect(pathOf(page)).toBe('/connexion');
        expect(await h1Texts(page)).toEqual(['Connexion']);
        expect(await page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté.' }).isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);

        await page.goto('/famille');
        expect(pathOf(page)).toBe('/connexion');
        expect(await page.getByText('Léa Martin').count()).toBe(0);
        expectNoPageProblems(page);
      });
    });
  }

  for (const javaScript of [true, false]) {
    it(`un mauvais mot de passe affiche le récapitulatif d’erreur sans dire quel champ est faux (${jsLabel(javaScript)})`, async () => {
      await withPage({ javaScript }, async (page) => {
        await submitWrongPassword(page, 'famille.aubrac.2');
        expect(pathOf(page)).toBe('/connexion');
        expect(await page.title()).toMatch(/^Erreur : /);
        const alert = page.getByRole('alert');
        expect(await alert.count()).toBe(1);
        expect(await alert.isVisible()).toBe(true);
        const knownAccountMessage = await alert.innerText();
        expect(knownAccountMessage).toContain(WRONG_CREDENTIALS);
        // The identifier typed is kept, the password is not.
        expect(await page.getByLabel('Identifiant', { exact: true }).inputValue()).toBe('famille.aubrac.2');
        expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');

        if (javaScript) {
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('erreurs');
        }

        // Neither field is singled out: both point to the same message, neither is marked invalid on its own.
        const fieldStates = await page.locator('input.field__input').evaluateAll((inputs) =>
          inputs.map((input) => ({ invalid: input.getAttribute('aria-invalid'), describedBy: input.getAttribute('aria-describedby') })),
        );
        expect(fieldStates).toHaveLength(2);
        expect(fieldStates[0]).toEqual(fieldStates[1]);
        expect(knownAccountMessage).toMatch(/identifiant ou (le )?mot de passe/i);
        expect(knownAccountMessage).not.toMatch(/(l’|l')identifiant (est )?(incorrect|inconnu)|le mot de passe est incorrect|n’existe pas|inconnu/i);

        // And an unknown identifier reads exactly the same: nothing tells which accounts exist.
        await submitWrongPassword(page, 'personne.inconnue');
        expect(await page.title()).toMatch(/^Erreur : /);
        expect(await page.getByRole('alert').innerText()).toBe(knownAccountMessage);
        expectNoPageProblems(page);
      });
    });
  }
});

describe('au clavier seulement', () => {
  /** Presses Tab and returns what has focus, checking that the focus can be seen. */
  async function tab(page: Page): Promise<FocusedElement | null> {
    await page.keyboard.press('Tab');
    return focusedElement(page);
  }

  function expectVisibleFocus(focused: FocusedElement | null, what: string): asserts focused is FocusedElement {
    expect(focused, `${what} : rien n’a le focus`).not.toBeNull();
    expect(focused!.focusVisible, `${what} (${focused!.element}) : :focus-visible ne s’applique pas`).toBe(true);
    expect(hasVisibleFocusIndicator(focused!), `${what} (${focused!.element}) : aucun contour de focus visible (outline ${focused!.outlineStyle} ${focused!.outlineWidth}px)`).toBe(true);
  }

  for (const javaScript of [true, false]) {
    it(`une famille se connecte et se déconnecte sans souris, en voyant toujours où est le focus (${jsLabel(javaScript)})`, async () => {
      await withPage({ javaScript }, async (page) => {
        await page.goto('/connexion');
        const skipLink = page.getByRole('link', { name: 'Aller au contenu' });
        const hiddenBox = await skipLink.boundingBox();
        expect(hiddenBox && hiddenBox.y + hiddenBox.height <= 0, 'le lien d’évitement devrait être hors de l’écran tant qu’il n’a pas le focus').toBe(true);

        const first = await tab(page);
        expectVisibleFocus(first, 'premier Tab');
        expect(first).toMatchObject({ element: 'a.skip-link', text: 'Aller au contenu' });
        const shownBox = await skipLink.boundingBox();
        expect(shownBox, 'le lien d’évitement n’a pas de boîte').not.toBeNull();
        expect(shownBox!.y).toBeGreaterThanOrEqual(0);
        expect(shownBox!.height).toBeGreaterThan(0);
        expect(await skipLink.isVisible()).toBe(true);

        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

        const identifiant = await tab(page);
        expectVisibleFocus(identifiant, 'Tab après « Aller au contenu »');
        expect(identifiant.element).toBe('input#identifiant.field__input');
        await page.keyboard.type('famille.aubrac.1');
        // As on the real service (seed 003), « Identifiant oublié ? » sits under its field.
        const forgotten = await tab(page);
        expectVisibleFocus(forgotten, 'Tab après l’identifiant');
        expect(forgotten).toMatchObject({ element: 'a', text: 'Identifiant oublié ?' });
        const password = await tab(page);
        expectVisibleFocus(password, 'Tab après « Identifiant oublié ? »');
        expect(password.element).toBe('input#mot_de_passe.field__input');
        await page.keyboard.type('orientation');
        await navigation(page, () => page.keyboard.press('Enter'));

        expect(pathOf(page)).toBe('/famille');
        expect(await h1Texts(page)).toEqual(['Mes enfants']);

        // Through the whole family home: every stop shows its focus, the logout button is reachable.
        const stops: FocusedElement[] = [];
        for (let index = 0; index < 20; index++) {
          const focused = await tab(page);
          if (!focused || stops.some((stop) => stop.element === focused.element && stop.text === focused.text)) break;
          expectVisibleFocus(focused, `arrêt ${index + 1} sur /famille`);
          stops.push(focused);
          if (focused.text === 'Se déconnecter') break;
        }
        expect(stops[0]).toMatchObject({ element: 'a.skip-link' });
        expect(stops.map((stop) => stop.text)).toContain('Changer mon mot de passe');
        expect(stops.at(-1)?.text).toBe('Se déconnecter');

        await navigation(page, () => page.keyboard.press('Enter'));
        expect(pathOf(page)).toBe('/connexion');
        expect(await page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté.' }).isVisible()).toBe(true);
        expectNoPageProblems(page);
      });
    });
  }

  it('les liens de la page de connexion et du pied de page montrent leur focus', async () => {
    await withPage({ javaScript: true }, async (page) => {
      await page.goto('/connexion');
      const seen: string[] = [];
      for (let index = 0; index < 20; index++) {
        const focused = await tab(page);
        if (!focused || seen.includes(`${focused.element} ${focused.text}`)) break;
        expectVisibleFocus(focused, `arrêt ${index + 1} sur /connexion`);
        seen.push(`${focused.element} ${focused.text}`);
      }
      expect(seen).toEqual(
        expect.arrayContaining([
          'a.skip-link Aller au contenu',
          'button.button Se connecter',
          `a Accessibilité : ${rgaaScore().conformity}`,
          'a Mentions légales',
          'a Données personnelles',
        ]),
      );
    });
  });
});

describe('axe-core (WCAG 2.2 AA, RGAA 4), avec JavaScript, sans violation de la politique de sécurité du contenu', () => {
  for (const visit of PAGES) {
    it(`aucune violation sur ${visit.name}`, async () => {
      await withPage({ javaScript: true }, async (page) => {
        await visit.open(page);
        await expectNoAxeViolations(page);
        expectNoPageProblems(page);
      });
    });
  }
});

describe('à 320 px de large (zoom 400 %)', () => {
  const narrow = { width: 320, height: 640 };
  const noHorizontalScroll = (page: Page) =>
    page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));

  for (const [name, open] of [
    ['la page de connexion', async (page: Page) => void (await page.goto('/connexion'))],
    ['la page de connexion avec une erreur', (page: Page) => submitWrongPassword(page, 'famille.veil.2')],
    ['l’accueil d’une famille', asUser('famille.aubrac.1', () => '/famille')],
  ] as const) {
    it(`${name} se lit sans défilement horizontal`, async () => {
      await withPage({ javaScript: true, viewport: narrow }, async (page) => {
        await open(page);
        expect(await page.evaluate(() => window.innerWidth)).toBe(320);
        const { scrollWidth } = await noHorizontalScroll(page);
        expect(scrollWidth, `${page.url()} déborde de ${scrollWidth - 320} px`).toBeLessThanOrEqual(320);
      });
    });
  }
});

describe('titres et intitulés', () => {
  it('chaque page a exactement un <h1> et un <title> non vide, différent de celui des autres pages', async () => {
    const titlesByPage = new Map<string, string>();
    for (const visit of PAGES) {
      await withPage({ javaScript: false }, async (page) => {
        await visit.open(page);
        expect(await page.locator('h1').count(), `${visit.name} : nombre de <h1>`).toBe(1);
        expect(await page.locator('head > title').count(), `${visit.name} : nombre de <title>`).toBe(1);
        const title = (await page.title()).trim();
        expect(title, `${visit.name} : <title> vide`).not.toBe('');
        expect(title, `${visit.name} : le <title> ne nomme pas le service`).toMatch(/ — Orientation$/);
        const h1 = (await page.locator('h1').innerText()).trim();
        expect(h1, `${visit.name} : <h1> vide`).not.toBe('');
        titlesByPage.set(visit.name, title);
      });
    }
    // A page in another state (an error, a provisional password) is the same page: it may share its title.
    const samePage = new Map([
      ['la page de connexion avec une erreur', 'la page de connexion'],
      ['la page de connexion avec un champ vide', 'la page de connexion avec une erreur'],
      ['le changement de mot de passe avec des erreurs', 'le changement de mot de passe'],
      ['le changement obligatoire d’un mot de passe provisoire', 'le changement de mot de passe'],
      // The pupil's own home is their orientation page, as their family sees it.
      ['l’accueil d’un élève (/eleve)', 'l’orientation de Léa vue par sa famille'],
    ]);
    const distinct = [...titlesByPage].filter(([name]) => !samePage.has(name));
    const titles = distinct.map(([, title]) => title);
    const duplicates = titles.filter((title, index) => titles.indexOf(title) !== index);
    expect(duplicates, `titres en double : ${JSON.stringify(distinct)}`).toEqual([]);
    expect(distinct).toHaveLength(PAGES.length - samePage.size);
    // The error variant announces the error first.
    expect(titlesByPage.get('la page de connexion avec une erreur')).toBe(`Erreur : ${titlesByPage.get('la page de connexion')}`);
  });
});
