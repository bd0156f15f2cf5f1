import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, expectNoAxeViolations, launchBrowser, navigation, newPage, pageProblems } from '../support/browser.js';
import { DEMO_SELF_ACTIVATION } from '../../scripts/seed-demo.js';
import { startE2EServer, withServer, type E2EServer } from '../support/e2e-server.js';
import { freePort } from '../support/smtp-server.js';
import { reserveOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

// Sign-in through an identity federation, against a real OpenID Connect provider (oidc-provider)
// running in this process: the whole redirect dance in Chromium with JavaScript off (login and
// consent at the provider, back with a code, PKCE, state and nonce checked), first sign-in linking
// (by the school-issued identifier claim, or by the person's identifier and password), second
// sign-in straight in, logout at the provider too, tampered answers refused; axe-core on each page.

const EDUCONNECT = 'S’identifier avec ÉduConnect';
const FRANCECONNECT = 'S’identifier avec FranceConnect';
const BROKEN = 'S’identifier avec l’académie en panne';

let server: E2EServer;
let provider: TestOidcProvider;
let browser: Browser;

beforeAll(async () => {
  provider = await reserveOidcProvider();
  // A third provider whose issuer answers nothing: its button leads to « … ne répond pas ».
  const deadIssuer = `http://127.0.0.1:${await freePort()}`;
  [server, browser] = await Promise.all([
    startE2EServer({
      env: {
        OIDC_PROVIDERS: 'educonnect,franceconnect,panne',
        ...provider.env('educonnect', EDUCONNECT),
        ...provider.env('franceconnect', FRANCECONNECT),
        OIDC_PANNE_ISSUER: deadIssuer,
        OIDC_PANNE_CLIENT_ID: 'orientation',
        OIDC_PANNE_CLIENT_SECRET: 'secret',
        OIDC_PANNE_LABEL: BROKEN,
      },
    }),
    launchBrowser(),
  ]);
  await provider.start(server.baseUrl, ['educonnect', 'franceconnect']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

async function withPage<T>(javaScript: boolean, body: (page: Page) => Promise<T>): Promise<T> {
  const page = await newPage(browser, { javaScript, baseUrl: server.baseUrl });
  try {
    return await body(page);
  } finally {
    await closePage(page);
  }
}

const onProvider = (page: Page) => page.url().startsWith(provider.issuer);
const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};
const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

/** Clicks the login page's button for the provider (a link). */
async function clickProviderButton(page: Page, label = EDUCONNECT): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== '/connexion') await page.goto('/connexion');
  await navigation(page, () => page.getByRole('link', { name: label, exact: true }).click());
}

/** At the provider: signs in as `login` when asked, consents when asked, until the browser is back at the service. */
async function throughProvider(page: Page, login: string, seen: { loginAsked: boolean } = { loginAsked: false }): Promise<void> {
  for (let step = 0; step < 5 && onProvider(page); step++) {
    if (await page.locator('input[name="login"]').count()) {
      seen.loginAsked = true;
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('mot-de-passe-chez-le-fournisseur');
      await navigation(page, () => page.getByRole('button', { name: 'Sign-in' }).click());
    } else if (await page.getByRole('button', { name: 'Continue' }).count()) {
      await navigation(page, () => page.getByRole('button', { name: 'Continue' }).click());
    } else {
      throw new Error(`page inattendue chez le fournisseur : ${page.url()}\n${await page.content()}`);
    }
  }
  expect(onProvider(page), 'revenu sur le service').toBe(false);
}

/** Signs out with the header's button; at the provider's logout page, confirms; back at /connexion?deconnecte. */
async function logoutThroughProvider(page: Page): Promise<void> {
  await navigation(page, () => page.getByRole('button', { name: 'Se déconnecter' }).click());
  expect(onProvider(page), `la déconnexion mène au fournisseur (${page.url()})`).toBe(true);
  await navigation(page, () => page.getByRole('button', { name: 'Yes, sign me out' }).click());
  expect(path(page)).toBe('/connexion?deconnecte');
  expect(await mainText(page)).toContain('Vous êtes déconnecté.');
}

async function accountId(login: string): Promise<number> {
  return (await server.database.db.selectFrom('user_account').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
}

async function linkedIdentities(login: string) {
  return server.database.db
    .selectFrom('federated_identity')
    .select(['provider', 'subject', 'last_login_at'])
    .where('account_id', '=', await accountId(login))
    .execute();
}

/** Whether the browser's cookies open a session: /famille answers the page, not the login page. */
async function signedInAt(page: Page, where: string): Promise<boolean> {
  await page.goto(where);
  return new URL(page.url()).pathname === where;
}

describe('connexion par une fédération d’identité (OpenID Connect), sans JavaScript', () => {
  it('la page de connexion propose un bouton par fournisseur configuré, et un fournisseur inconnu est introuvable', async () => {
    await withPage(false, async (page) => {
      await page.goto('/connexion');
      for (const label of [EDUCONNECT, FRANCECONNECT, BROKEN]) {
        await expect(page.getByRole('link', { name: label, exact: true }).count(), label).resolves.toBe(1);
      }
      expect(await page.getByRole('link', { name: EDUCONNECT, exact: true }).getAttribute('href')).toBe('/connexion/federation/educonnect');
      const unknown = await page.goto('/connexion/federation/inexistant');
      expect(unknown?.status()).toBe(404);
      expect(await mainText(page)).toContain('Page introuvable');
    });
  });

  it('première connexion : l’identifiant transmis par ÉduConnect relie le compte ; la déconnexion ferme aussi la session ÉduConnect ; la fois suivante, entrée directe', async () => {
    await withPage(false, async (page) => {
      await clickProviderButton(page);
      expect(onProvider(page), 'le bouton mène au fournisseur').toBe(true);
      const firstVisit = { loginAsked: false };
      await throughProvider(page, 'aubrac', firstVisit);
      expect(firstVisit.loginAsked).toBe(true);
      expect(path(page)).toBe('/famille');
      expect(await mainText(page)).toContain('Léa Martin');
      expect(await page.locator('header').innerText()).toContain('Sophie Martin');
      const linked = await linkedIdentities('famille.aubrac.1');
      expect(linked.map((row) => [row.provider, row.subject])).toEqual([['educonnect', 'aubrac']]);

      await logoutThroughProvider(page);
      expect(await signedInAt(page, '/famille')).toBe(false);
      // Chromium let the sign-out form's redirect reach the provider (CSP form-action).
      expect(pageProblems(page).cspViolations).toEqual([]);

      // The provider's session ended too: it asks the login again; then straight in, already linked.
      await clickProviderButton(page);
      const secondVisit = { loginAsked: false };
      await throughProvider(page, 'aubrac', secondVisit);
      expect(secondVisit.loginAsked, 'le fournisseur redemande l’identifiant après la déconnexion').toBe(true);
      expect(path(page)).toBe('/famille');
      const again = await linkedIdentities('famille.aubrac.1');
      expect(again).toHaveLength(1);
      expect(again[0]!.last_login_at!.getTime()).toBeGreaterThan(linked[0]!.last_login_at!.getTime());
      await logoutThroughProvider(page);
    });
  });

  it('deux fournisseurs à la fois : FranceConnect relie sa propre identité au même compte', async () => {
    await withPage(false, async (page) => {
      await clickProviderButton(page, FRANCECONNECT);
      await throughProvider(page, 'aubrac');
      expect(path(page)).toBe('/famille');
      expect((await linkedIdentities('famille.aubrac.1')).map((row) => row.provider).sort()).toEqual(['educonnect', 'franceconnect']);
      await logoutThroughProvider(page);
    });
  });

  it('une identité inconnue du service est reliée avec un identifiant et un mot de passe (un mauvais est refusé), puis entre directement', async () => {
    await withPage(false, async (page) => {
      await clickProviderButton(page);
      await throughProvider(page, 'inconnu');
      expect(path(page)).toBe('/connexion/federation/relier');
      expect(await page.title()).toContain('Relier votre compte ÉduConnect');
      expect(await mainText(page)).toContain('Votre compte ÉduConnect n’est pas encore relié à un compte du service Orientation');
      expect(await page.getByRole('link', { name: 'Je n’ai pas de compte : vérifier mon identité par SMS' }).getAttribute('href')).toBe('/activation');
      expect(await signedInAt(page, '/famille')).toBe(false);
      await page.goto('/connexion/federation/relier');

      // A wrong password, then a staff account (never linked, answered alike): refused, nothing linked.
      for (const [login, password] of [
        ['famille.hugo.1', 'pas-le-bon'],
        ['chef.hugo', 'orientation'],
      ] as const) {
        await page.getByLabel('Identifiant', { exact: true }).fill(login);
        await page.getByLabel('Mot de passe', { exact: true }).fill(password);
        await navigation(page, () => page.getByRole('button', { name: 'Relier et me connecter' }).click());
        expect(path(page)).toBe('/connexion/federation/relier');
        expect(await page.title()).toMatch(/^Erreur : /);
        expect(await mainText(page)).toContain('Identifiant ou mot de passe incorrect.');
      }
      expect(await linkedIdentities('famille.hugo.1')).toEqual([]);
      expect(await linkedIdentities('chef.hugo')).toEqual([]);

      await page.getByLabel('Identifiant', { exact: true }).fill('famille.hugo.1');
      await page.getByLabel('Mot de passe', { exact: true }).fill('orientation');
      await navigation(page, () => page.getByRole('button', { name: 'Relier et me connecter' }).click());
      expect(path(page)).toBe('/famille');
      expect(await page.locator('header').innerText()).toContain('Élodie Roux');
      expect((await linkedIdentities('famille.hugo.1')).map((row) => [row.provider, row.subject])).toEqual([['educonnect', 'inconnu']]);
      await logoutThroughProvider(page);

      await clickProviderButton(page);
      await throughProvider(page, 'inconnu');
      expect(path(page)).toBe('/famille');
      expect(await page.locator('header').innerText()).toContain('Élodie Roux');
      await logoutThroughProvider(page);
    });
  });

  it('une identité inconnue est reliée par la vérification par SMS et dates de naissance (/activation), puis entre directement', async () => {
    const { representative, pupil } = DEMO_SELF_ACTIVATION;
    await server.database.db.deleteFrom('federated_identity').where('subject', '=', 'inconnu').execute();
    await withPage(false, async (page) => {
      await clickProviderButton(page);
      await throughProvider(page, 'inconnu');
      expect(path(page)).toBe('/connexion/federation/relier');
      await navigation(page, () => page.getByRole('link', { name: 'Je n’ai pas de compte : vérifier mon identité par SMS' }).click());
      expect(path(page)).toBe('/activation');
      await page.getByLabel('Nom', { exact: true }).fill(representative.lastName);
      await page.getByLabel('Prénom', { exact: true }).fill(representative.firstName);
      await page.getByLabel('N° de téléphone portable').fill(representative.phone);
      await navigation(page, () => page.getByRole('button', { name: 'Recevoir mon code SMS' }).click());
      const sms = await server.database.db
        .selectFrom('mail_outbox')
        .select('text_body')
        .where('channel', '=', 'sms')
        .where('kind', '=', 'verification_code')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const code = /\b(\d{6})\b/.exec(sms.text_body)?.[1];
      expect(code, sms.text_body).toBeDefined();
      await page.getByLabel('Code reçu par SMS').fill(code!);
      await navigation(page, () => page.getByRole('button', { name: 'Valider le code' }).click());
      await page.getByLabel(`Date de naissance de ${pupil.firstName}`).fill(pupil.birthDate);
      await navigation(page, () => page.getByRole('button', { name: 'Valider les dates de naissance' }).click());
      expect(path(page)).toBe('/famille');
      expect(await mainText(page)).toContain(`${pupil.firstName} ${pupil.lastName}`);
      const account = await server.database.db
        .selectFrom('user_account as a')
        .innerJoin('representative as r', 'r.id', 'a.representative_id')
        .innerJoin('federated_identity as f', 'f.account_id', 'a.id')
        .select(['f.provider', 'f.subject'])
        .where('r.first_name', '=', representative.firstName)
        .where('r.last_name', '=', representative.lastName)
        .execute();
      expect(account).toEqual([{ provider: 'educonnect', subject: 'inconnu' }]);
      await logoutThroughProvider(page);

      await clickProviderButton(page);
      await throughProvider(page, 'inconnu');
      expect(path(page)).toBe('/famille');
      expect(await mainText(page)).toContain(`${pupil.firstName} ${pupil.lastName}`);
      await logoutThroughProvider(page);
    });
  });

  it('un state modifié dans la réponse du fournisseur est refusé, personne n’est connecté, et la réponse ne sert pas deux fois', async () => {
    await withPage(false, async (page) => {
      // Chromium follows the provider's redirects without showing them to page.route: the consent
      // form's post is answered here, its redirects followed by hand (with the context's cookies),
      // and the provider's final redirect to the service is kept instead of followed.
      let callback: string | undefined;
      await page.route(`${provider.issuer}/interaction/**`, async (route) => {
        if (route.request().method() !== 'POST' || !(route.request().postData() ?? '').includes('prompt=consent')) return route.continue();
        let response = await route.fetch({ maxRedirects: 0 });
        for (let hop = 0; hop < 5 && response.status() >= 300 && response.status() < 400; hop++) {
          const location = new URL(response.headers()['location']!, route.request().url()).href;
          if (location.startsWith(server.baseUrl)) {
            callback = location;
            return route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>intercepté</title><p>intercepté</p>' });
          }
          response = await page.context().request.get(location, { maxRedirects: 0 });
        }
        return route.fulfill({ response });
      });
      await clickProviderButton(page);
      await throughProvider(page, 'aubrac').catch(() => {});
      await page.unroute(`${provider.issuer}/interaction/**`);
      expect(callback, 'la réponse du fournisseur a été interceptée').toBeDefined();
      expect(new URL(callback!).pathname).toBe('/connexion/federation/educonnect/retour');
      const tampered = new URL(callback!);
      expect(tampered.searchParams.get('state')).toBeTruthy();
      tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);

      const refused = await page.goto(tampered.href);
      expect(refused?.status()).toBe(400);
      expect(await page.locator('h1').innerText()).toBe('La connexion avec ÉduConnect n’a pas abouti');
      expect(await signedInAt(page, '/famille')).toBe(false);

      // The genuine answer, after the refusal, is refused too: the request was used up.
      const replay = await page.goto(callback!);
      expect(replay?.status()).toBe(400);
      expect(await signedInAt(page, '/famille')).toBe(false);
    });
  });

  it('un nonce changé entre l’envoi au fournisseur et le retour est refusé', async () => {
    await withPage(false, async (page) => {
      await clickProviderButton(page);
      expect(onProvider(page)).toBe(true);
      const changed = await server.database.db
        .updateTable('federation_login')
        .set({ nonce: 'un-autre-nonce-que-celui-envoye' })
        .where('subject', 'is', null)
        .executeTakeFirst();
      expect(Number(changed.numUpdatedRows)).toBe(1);
      await throughProvider(page, 'aubrac');
      expect(new URL(page.url()).pathname).toBe('/connexion/federation/educonnect/retour');
      expect(await page.locator('h1').innerText()).toBe('La connexion avec ÉduConnect n’a pas abouti');
      expect(await signedInAt(page, '/famille')).toBe(false);
    });
  });

  it('une connexion annulée chez le fournisseur revient avec un message, sans connecter personne', async () => {
    await withPage(false, async (page) => {
      await clickProviderButton(page);
      await navigation(page, () => page.getByRole('link', { name: '[ Cancel ]' }).click());
      expect(new URL(page.url()).pathname).toBe('/connexion/federation/educonnect/retour');
      expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
      expect(await mainText(page)).toContain('La connexion a été annulée ou refusée sur le site ÉduConnect.');
      expect(await signedInAt(page, '/famille')).toBe(false);
    });
  });

  it('un fournisseur qui ne répond pas : une page le dit et renvoie vers l’identifiant et le mot de passe', async () => {
    await withPage(false, async (page) => {
      const answer = await page.goto('/connexion/federation/panne');
      expect(answer?.status()).toBe(503);
      expect(await page.locator('h1').innerText()).toBe('Le service l’académie en panne ne répond pas');
      expect(await mainText(page)).toContain('utilisez votre identifiant et votre mot de passe');
    });
  });

  it('sans fournisseur configuré, aucun bouton, et /connexion/federation/… est introuvable', async () => {
    await withServer(
      async (bare) => {
        const page = await newPage(browser, { javaScript: false, baseUrl: bare.baseUrl });
        try {
          await page.goto('/connexion');
          expect(await page.getByRole('link', { name: /S’identifier avec/ }).count()).toBe(0);
          expect(await page.locator('main').innerText()).not.toMatch(/S’identifier avec/);
          for (const url of ['/connexion/federation/educonnect', '/connexion/federation/educonnect/retour?code=x&state=y']) {
            expect((await page.goto(url))?.status(), url).toBe(404);
          }
        } finally {
          await closePage(page);
        }
      },
      { seed: false },
    );
  });
});

describe('accessibilité des pages de la connexion par fédération (axe-core)', () => {
  it('page de connexion avec ses boutons, page pour relier (sans et avec erreurs), refus, fournisseur en panne : aucune violation', async () => {
    // « inconnu » may have been linked by an earlier test: unlinked, the page to link it shows again.
    await server.database.db.deleteFrom('federated_identity').where('subject', '=', 'inconnu').execute();
    await withPage(true, async (page) => {
      await page.goto('/connexion');
      await expectNoAxeViolations(page);

      await clickProviderButton(page);
      await throughProvider(page, 'inconnu');
      expect(path(page)).toBe('/connexion/federation/relier');
      await expectNoAxeViolations(page);
      await navigation(page, () => page.getByRole('button', { name: 'Relier et me connecter' }).click());
      expect(await page.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolations(page);
      await page.getByLabel('Identifiant', { exact: true }).fill('famille.hugo.2');
      await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon');
      await navigation(page, () => page.getByRole('button', { name: 'Relier et me connecter' }).click());
      expect(await mainText(page)).toContain('Identifiant ou mot de passe incorrect.');
      await expectNoAxeViolations(page);

      await page.goto('/connexion/federation/educonnect/retour?code=inconnu&state=inconnu');
      expect(await page.locator('h1').innerText()).toBe('La connexion avec ÉduConnect n’a pas abouti');
      await expectNoAxeViolations(page);

      await page.goto('/connexion/federation/panne');
      await expectNoAxeViolations(page);
    });
  });
});
