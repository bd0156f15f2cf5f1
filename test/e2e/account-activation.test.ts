import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, expectNoAxeViolations, launchBrowser, logout, navigation, newPage } from '../support/browser.js';
import { startE2EServer, type E2EServer } from '../support/e2e-server.js';

// « Je n'ai pas de compte » in Chromium: the demo representative without an account (Maryse
// Delcourt, 06 12 34 56 78, mother of Théo born on 14/05/2012) activates hers with JavaScript off,
// reading the code in the SMS outbox; then every page of the activation and recovery flows, and
// their error states, pass axe-core with JavaScript on.

const PASSWORD = 'une phrase de passe pour maryse';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The newest code sent by SMS to this number, read in the outbox (what /dev/sms shows). */
async function smsCode(recipient = '+33612345678'): Promise<string> {
  const row = await server.database.db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('channel', '=', 'sms')
    .where('recipient', '=', recipient)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.text_body.match(/\b(\d{6})\b/)![1]!;
}

const click = (page: Page, name: string) => navigation(page, () => page.getByRole('button', { name, exact: true }).click());
const follow = (page: Page, name: string) => navigation(page, () => page.getByRole('link', { name, exact: true }).click());
const main = (page: Page) => page.locator('main').innerText();

async function fillIdentity(page: Page, identity: { nom: string; prenom: string; telephone: string }) {
  await page.getByLabel('Nom', { exact: true }).fill(identity.nom);
  await page.getByLabel('Prénom', { exact: true }).fill(identity.prenom);
  await page.getByLabel('N° de téléphone portable').fill(identity.telephone);
}

const MARYSE = { nom: 'Delcourt', prenom: 'Maryse', telephone: '06 12 34 56 78' };

describe('« Je n’ai pas de compte » dans Chromium', () => {
  it('sans JavaScript : de la connexion au dossier d’orientation de l’enfant, le code lu dans les SMS envoyés', async () => {
    const page = await newPage(browser, { javaScript: false, baseUrl: server.baseUrl });
    try {
      await page.goto('/connexion');
      await follow(page, 'Je n’ai pas de compte');
      expect(await page.title()).toContain('J’active mon compte');
      await fillIdentity(page, MARYSE);
      await click(page, 'Recevoir mon code SMS');
      expect(new URL(page.url()).pathname).toBe('/activation/code');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Saisie du code d’activation reçu par SMS');
      expect(await main(page)).toContain('06 •• •• •• 78');

      await page.getByLabel('Code reçu par SMS').fill(await smsCode());
      await click(page, 'Valider le code');
      expect(new URL(page.url()).pathname).toBe('/activation/naissances');
      await page.getByLabel('Date de naissance de Théo').fill('2012-05-14');
      await click(page, 'Valider les dates de naissance');

      expect(new URL(page.url()).pathname).toBe('/activation/mot-de-passe');
      const passwordPage = await main(page);
      expect(passwordPage).toContain('Votre identifiant : maryse.delcourt');
      expect(passwordPage).toContain('Il est à conserver puisqu’il sera demandé à chaque connexion.');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
      await click(page, 'Enregistrer le mot de passe');

      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Votre compte est activé');
      expect(await main(page)).toContain('maryse.delcourt');
      await follow(page, 'Accéder au service Orientation');
      expect(new URL(page.url()).pathname).toBe('/famille');
      await navigation(page, () => page.getByRole('link', { name: /Théo Delcourt/ }).first().click());
      expect(new URL(page.url()).pathname).toMatch(/^\/orientation\/\d+/);
      expect(await main(page)).toContain('Théo Delcourt');

      // Signed out, she signs in again with what she chose.
      await logout(page);
      await page.getByLabel('Identifiant', { exact: true }).fill('maryse.delcourt');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await click(page, 'Se connecter');
      expect(new URL(page.url()).pathname).toBe('/famille');
    } finally {
      await closePage(page);
    }
  });

  it('avec JavaScript, axe-core : chaque page de l’activation et ses états d’erreur', async () => {
    // Limits are per hour: the earlier test's request is an hour old.
    server.advanceClock(2 * 60 * 60 * 1000);
    const checked: string[] = [];
    const audit = async (page: Page, what: string) => {
      await expectNoAxeViolations(page);
      expect(await page.locator('h1').count(), what).toBe(1);
      checked.push(what);
    };

    const page = await newPage(browser, { javaScript: true, baseUrl: server.baseUrl });
    try {
      await page.goto('/connexion');
      await audit(page, 'connexion avec ses liens');
      await follow(page, 'Je n’ai pas de compte');
      await audit(page, 'activation');
      await click(page, 'Recevoir mon code SMS');
      expect(await page.title()).toMatch(/^Erreur : /);
      expect(await page.getByRole('alert').innerText()).toContain('Saisissez votre nom.');
      await audit(page, 'activation, champs vides');
      await fillIdentity(page, { ...MARYSE, telephone: '01 23 45 67 89' });
      await click(page, 'Recevoir mon code SMS');
      expect(await page.getByRole('alert').innerText()).toContain('pas un numéro de téléphone portable');
      await audit(page, 'activation, numéro qui n’est pas un portable');
      await follow(page, 'Je ne souhaite pas utiliser de téléphone portable');
      expect(await main(page)).toContain('identifiant et un mot de passe provisoire');
      await audit(page, 'sans téléphone portable');

      // An unknown person: the same code page; three wrong codes; then the limit for the number.
      const stranger = { nom: 'Personne', prenom: 'Inconnue', telephone: '07 99 88 77 66' };
      for (let request = 1; request <= 3; request++) {
        await page.goto('/activation');
        await fillIdentity(page, stranger);
        await click(page, 'Recevoir mon code SMS');
        expect(new URL(page.url()).pathname).toBe('/activation/code');
      }
      await audit(page, 'saisie du code');
      await page.getByLabel('Code reçu par SMS').fill('123456');
      await click(page, 'Valider le code');
      expect(await page.getByRole('alert').innerText()).toContain('Le code saisi est incorrect. Il vous reste 2 essais.');
      await audit(page, 'code incorrect');
      await page.getByLabel('Code reçu par SMS').fill('abc');
      await click(page, 'Valider le code');
      expect(await page.getByRole('alert').innerText()).toContain('Saisissez le code à 6 chiffres reçu par SMS.');
      for (let attempt = 0; attempt < 2; attempt++) {
        await page.getByLabel('Code reçu par SMS').fill('123456');
        await click(page, 'Valider le code');
      }
      expect(await main(page)).toContain('Ce code n’est plus valable. Demandez un nouveau code, ou contactez l’établissement de votre enfant.');
      await audit(page, 'code plus valable');
      await page.goto('/activation');
      await fillIdentity(page, stranger);
      await click(page, 'Recevoir mon code SMS');
      expect(await page.getByRole('alert').innerText()).toContain('Trop de demandes de code pour ce numéro.');
      await audit(page, 'trop de demandes');

      // Maryse again (her account exists now): a wrong birth date, then a password refused.
      await page.goto('/activation');
      await fillIdentity(page, MARYSE);
      await click(page, 'Recevoir mon code SMS');
      await page.getByLabel('Code reçu par SMS').fill(await smsCode());
      await click(page, 'Valider le code');
      await audit(page, 'dates de naissance');
      await page.getByLabel('Date de naissance de Théo').fill('2012-05-15');
      await click(page, 'Valider les dates de naissance');
      expect(await page.getByRole('alert').innerText()).toContain('Une date de naissance ne correspond pas. Vérifiez-les, ou contactez l’établissement.');
      await audit(page, 'date de naissance incorrecte');
      await page.getByLabel('Date de naissance de Théo').fill('2012-05-14');
      await click(page, 'Valider les dates de naissance');
      await audit(page, 'création du mot de passe');
      await page.getByLabel('Mot de passe', { exact: true }).fill('court');
      await click(page, 'Enregistrer le mot de passe');
      expect(await page.getByRole('alert').innerText()).toContain('au moins 12 caractères');
      await audit(page, 'mot de passe refusé');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
      await click(page, 'Enregistrer le mot de passe');
      await audit(page, 'compte activé');
      await logout(page);
    } finally {
      await closePage(page);
    }
    expect(checked).toHaveLength(14);
  });

  it('avec JavaScript, axe-core : identifiant et mot de passe oubliés', async () => {
    server.advanceClock(2 * 60 * 60 * 1000);
    const page = await newPage(browser, { javaScript: true, baseUrl: server.baseUrl });
    try {
      await page.goto('/connexion');
      await follow(page, 'Mot de passe oublié ?');
      await expectNoAxeViolations(page);
      await page.getByLabel('Identifiant', { exact: true }).fill('');
      await click(page, 'Recevoir mon code ou mon lien');
      expect(await page.getByRole('alert').innerText()).toContain('Saisissez votre identifiant.');
      await expectNoAxeViolations(page);

      // By SMS to Maryse's number: the code, then the new password.
      await page.getByLabel('Identifiant', { exact: true }).fill('maryse.delcourt');
      await click(page, 'Recevoir mon code ou mon lien');
      expect(new URL(page.url()).pathname).toBe('/recuperation/code');
      await expectNoAxeViolations(page);
      await page.getByLabel('Code reçu par SMS').fill(await smsCode());
      await click(page, 'Valider le code');
      expect(await main(page)).toContain('Votre identifiant : maryse.delcourt');
      await expectNoAxeViolations(page);
      await page.getByLabel('Mot de passe', { exact: true }).fill('un autre mot de passe pour maryse');
      await page.getByLabel('Confirmation du mot de passe').fill('pas le même');
      await click(page, 'Enregistrer le mot de passe');
      expect(await page.getByRole('alert').innerText()).toContain('Les deux mots de passe saisis ne sont pas identiques.');
      await expectNoAxeViolations(page);
      await page.getByLabel('Mot de passe', { exact: true }).fill('un autre mot de passe pour maryse');
      await page.getByLabel('Confirmation du mot de passe').fill('un autre mot de passe pour maryse');
      await click(page, 'Enregistrer le mot de passe');
      expect(new URL(page.url()).pathname).toBe('/famille');
      expect(await main(page)).toContain('Votre mot de passe a été modifié.');
      await logout(page);

      // By e-mail: the page that says to read one's mail, and a link that no longer works.
      await page.goto('/mot-de-passe-oublie');
      await page.getByLabel('Identifiant', { exact: true }).fill('maryse.delcourt');
      await page.getByLabel('Recevoir un lien par courriel (à l’adresse connue)').check();
      await click(page, 'Recevoir mon code ou mon lien');
      expect(new URL(page.url()).pathname).toBe('/recuperation/courriel-envoye');
      await expectNoAxeViolations(page);
      await page.goto('/recuperation/lien?jeton=ce-lien-n-existe-pas-ce-lien-n-existe-pas-xx');
      expect(await main(page)).toContain('Ce lien n’est plus valable');
      await expectNoAxeViolations(page);

      // Forgotten identifier by SMS.
      await page.goto('/connexion');
      await follow(page, 'Identifiant oublié ?');
      await expectNoAxeViolations(page);
      await page.getByLabel('N° de téléphone portable ou adresse électronique').fill('pas une adresse@');
      await click(page, 'Retrouver mon identifiant');
      expect(await page.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolations(page);
      await page.getByLabel('Nom', { exact: true }).fill('Delcourt');
      await page.getByLabel('Prénom', { exact: true }).fill('Maryse');
      await page.getByLabel('N° de téléphone portable ou adresse électronique').fill('06 12 34 56 78');
      await click(page, 'Retrouver mon identifiant');
      await page.getByLabel('Code reçu par SMS').fill(await smsCode());
      await click(page, 'Valider le code');
      expect(await main(page)).toContain('Votre identifiant : maryse.delcourt');
      await expectNoAxeViolations(page);
    } finally {
      await closePage(page);
    }
  });
});
