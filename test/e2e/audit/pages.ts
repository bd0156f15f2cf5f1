import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { Database } from '../../../src/db/schema.js';
import { navigation } from '../../support/browser.js';

// Every page of the service in every state a person meets, with who sees it: the audit
// (audit.test.ts) visits each, with JavaScript on and off, and routes.test.ts fails when a GET
// route of createApp is neither listed here nor excluded below with its reason.
// Keep this list next to the routes: a new page means a new entry here.

/** The demo records the pages need (the seed is fresh for each run). */
export type AuditIds = {
  lea: number;
  hugoPetit: number;
  ines: number;
  nathan: number;
  zoe: number;
  zay3eA: number;
  zay3eB: number;
  hugo2de3: number;
  schoolZay: number;
};

export type AuditContext = {
  ids: AuditIds;
  baseUrl: string;
  javaScript: boolean;
  /** A form POST with the page's cookies, as the browser would send it (for states that need data first). */
  post(page: Page, path: string, form: [string, string][]): Promise<void>;
  /** Shared between states of one run (e.g. the id of a mail sent by an earlier state). */
  memory: Map<string, string>;
};

export type AuditState = {
  /** The Hono route pattern, exactly as in createApp().routes (`*` for the « page introuvable »). */
  route: string;
  /** The page and its state, in French, as the test names it. */
  name: string;
  /** The demo account to sign in with (password `orientation`); none: signed out. */
  user?: string;
  /** When the state only exists with (dialogs opened by script) or without JavaScript. */
  only?: 'javascript' | 'no-javascript';
  /** An e-mail's own HTML (no style sheet, read in mail clients): targets get WCAG's spacing exception. */
  emailDocument?: true;
  /** Brings the page to its state (navigations, clicks, form posts). */
  open(page: Page, context: AuditContext): Promise<void>;
};

export const EXCLUDED_ROUTES: { route: string; reason: string }[] = [
  { route: '/static/:name', reason: 'fichiers statiques (CSS, JS, logo), pas des pages' },
  { route: '/healthz', reason: 'sonde de santé (texte brut)' },
  { route: '/readyz', reason: 'sonde de disponibilité (texte brut)' },
  { route: '/', reason: 'redirection 303 vers l’accueil ou la connexion' },
  { route: '/etablissement/export.csv', reason: 'export CSV, pas une page' },
  // The audit's server has no identity provider configured: these answer 404 or send to /connexion there.
  { route: '/connexion/federation/:provider{[a-z0-9-]{1,32}}', reason: 'a provider\'s redirect; covered by test/e2e/federation.test.ts with axe' },
  { route: '/connexion/federation/:provider{[a-z0-9-]{1,32}}/retour', reason: 'a provider\'s redirect; covered by test/e2e/federation.test.ts with axe (refused and unavailable pages)' },
  { route: '/connexion/federation/relier', reason: 'only after a provider\'s redirect; covered by test/e2e/federation.test.ts with axe (with and without errors)' },
];

const goto = (path: (ids: AuditIds) => string) => async (page: Page, context: AuditContext) => {
  await page.goto(path(context.ids));
};

const submit = (page: Page, name: string | RegExp) => navigation(page, () => page.getByRole('button', { name, exact: typeof name === 'string' }).first().click());

/** Opens the add dialog with JavaScript (the link loads its form into the dialog). */
async function openAddDialog(page: Page, linkName: string, dialogName: string): Promise<void> {
  await page.getByRole('link', { name: linkName }).click();
  await page.getByRole('dialog', { name: dialogName }).waitFor({ state: 'visible' });
  await page.getByRole('dialog', { name: dialogName }).locator('form').waitFor({ state: 'visible' });
}

/** A mobile number nobody has in the demo: its requests get decoy codes. */
const AUDIT_UNKNOWN_MOBILE = '07 99 88 77 66';

/** The flow cookie of « Je n’ai pas de compte » and the recoveries, kept for the next state. */
async function keepFlow(page: Page, context: AuditContext, key: string): Promise<void> {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith('orientation_activation'));
  if (cookie) context.memory.set(`flux-${key}`, JSON.stringify(cookie));
}

async function resumeFlow(page: Page, context: AuditContext, key: string): Promise<void> {
  const kept = context.memory.get(`flux-${key}`);
  if (kept) await page.context().addCookies([JSON.parse(kept)]);
}

/** The newest code sent by SMS to this number, read on /dev/sms as a demo user would. */
async function smsCode(page: Page, recipient: string): Promise<string> {
  const html = await (await page.request.get('/dev/sms')).text();
  for (const row of html.split('<tr').slice(1)) {
    const code = row.includes(recipient) ? /est (\d{6})\./.exec(row)?.[1] : undefined;
    if (code) return code;
  }
  throw new Error(`aucun SMS pour ${recipient} sur /dev/sms`);
}

/** The path of the link in the newest e-mail of /dev/mails. */
async function recoveryLink(page: Page): Promise<string> {
  const list = await (await page.request.get('/dev/mails')).text();
  const newest = /href="(\/dev\/mails\/\d+)"/.exec(list)?.[1];
  const mail = newest ? await (await page.request.get(newest)).text() : '';
  const link = /\/recuperation\/lien\?jeton=[A-Za-z0-9_-]+/.exec(mail)?.[0];
  if (!link) throw new Error('aucun lien de récupération sur /dev/mails');
  return link;
}

/** Sophie Martin's address as the demo seeds it (scripts/seed-demo.ts). */
const SOPHIE_MARTIN_EMAIL = 'sophie.martin.1a1@example.org';

export const AUDITED_STATES: AuditState[] = [
  // --- Signed out ---
  { route: '/connexion', name: 'connexion', open: goto(() => '/connexion') },
  {
    route: '/connexion',
    name: 'connexion, erreurs affichées',
    open: async (page) => {
      await page.goto('/connexion');
      await submit(page, 'Se connecter');
    },
  },
  { route: '/accessibilite', name: 'déclaration d’accessibilité', open: goto(() => '/accessibilite') },
  { route: '/mentions-legales', name: 'mentions légales', open: goto(() => '/mentions-legales') },
  { route: '/donnees-personnelles', name: 'données personnelles', open: goto(() => '/donnees-personnelles') },
  { route: '*', name: 'page introuvable', open: goto(() => '/cette-page-n-existe-pas') },

  // --- « Je n’ai pas de compte », identifiant et mot de passe oubliés (issue 11) ---
  // Codes and links are limited per number, address and client (10 an hour from one address):
  // the states below share a few flows, whose cookie passes from one state to the next in memory.
  { route: '/activation', name: 'activation : identité et numéro', open: goto(() => '/activation') },
  {
    route: '/activation',
    name: 'activation : erreurs affichées',
    open: async (page) => {
      await page.goto('/activation');
      await page.getByLabel('N° de téléphone portable').fill('01 23 45 67 89');
      await submit(page, 'Recevoir mon code SMS');
    },
  },
  { route: '/activation/sans-portable', name: 'activation : sans téléphone portable', open: goto(() => '/activation/sans-portable') },
  {
    route: '/activation/code',
    name: 'activation : saisie du code reçu par SMS',
    open: async (page, context) => {
      await context.post(page, '/activation', [['nom', 'Personne'], ['prenom', 'Inconnue'], ['telephone', AUDIT_UNKNOWN_MOBILE]]);
      await page.goto('/activation/code');
      await keepFlow(page, context, 'inconnu');
    },
  },
  {
    route: '/activation/code',
    name: 'activation : code incorrect',
    open: async (page, context) => {
      await resumeFlow(page, context, 'inconnu');
      await page.goto('/activation/code');
      await page.getByLabel('Code reçu par SMS').fill('000000');
      await submit(page, 'Valider le code');
    },
  },
  {
    route: '/activation/code',
    name: 'activation : code plus valable après trois essais',
    open: async (page, context) => {
      await resumeFlow(page, context, 'inconnu');
      for (let attempt = 0; attempt < 2; attempt++) {
        await page.goto('/activation/code');
        if ((await page.getByLabel('Code reçu par SMS').count()) === 0) break;
        await page.getByLabel('Code reçu par SMS').fill('000000');
        await submit(page, 'Valider le code');
      }
    },
  },
  {
    route: '/activation',
    name: 'activation : trop de demandes pour ce numéro',
    open: async (page, context) => {
      for (let i = 0; i < 2; i++) await context.post(page, '/activation', [['nom', 'Personne'], ['prenom', 'Inconnue'], ['telephone', AUDIT_UNKNOWN_MOBILE]]);
      await page.goto('/activation');
      await page.getByLabel('Nom', { exact: true }).fill('Personne');
      await page.getByLabel('Prénom').fill('Inconnue');
      await page.getByLabel('N° de téléphone portable').fill(AUDIT_UNKNOWN_MOBILE);
      await submit(page, 'Recevoir mon code SMS');
    },
  },
  {
    route: '/activation/naissances',
    name: 'activation : dates de naissance des enfants',
    open: async (page, context) => {
      await context.post(page, '/activation', [['nom', 'Delcourt'], ['prenom', 'Maryse'], ['telephone', '06 12 34 56 78']]);
      await context.post(page, '/activation/code', [['code', await smsCode(page, '+33612345678')]]);
      await page.goto('/activation/naissances');
      await keepFlow(page, context, 'maryse');
    },
  },
  {
    route: '/activation/naissances',
    name: 'activation : date de naissance incorrecte',
    open: async (page, context) => {
      await resumeFlow(page, context, 'maryse');
      await page.goto('/activation/naissances');
      await page.getByLabel('Date de naissance de Théo').fill('2012-05-15');
      await submit(page, 'Valider les dates de naissance');
    },
  },
  {
    route: '/activation/mot-de-passe',
    name: 'activation : création du mot de passe',
    open: async (page, context) => {
      await resumeFlow(page, context, 'maryse');
      await page.goto('/activation/naissances');
      await page.getByLabel('Date de naissance de Théo').fill('2012-05-14');
      await submit(page, 'Valider les dates de naissance');
    },
  },
  {
    route: '/activation/mot-de-passe',
    name: 'activation : mot de passe, erreurs affichées',
    open: async (page, context) => {
      await resumeFlow(page, context, 'maryse');
      await page.goto('/activation/mot-de-passe');
      await page.getByLabel('Mot de passe', { exact: true }).fill('court');
      await submit(page, 'Enregistrer le mot de passe');
    },
  },
  {
    route: '/activation/terminee',
    name: 'activation : compte activé',
    open: async (page, context) => {
      await resumeFlow(page, context, 'maryse');
      await page.goto('/activation/mot-de-passe');
      await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe pour l’audit');
      await page.getByLabel('Confirmation du mot de passe').fill('une phrase de passe pour l’audit');
      await submit(page, 'Enregistrer le mot de passe');
    },
  },
  { route: '/mot-de-passe-oublie', name: 'mot de passe oublié', open: goto(() => '/mot-de-passe-oublie') },
  {
    route: '/mot-de-passe-oublie',
    name: 'mot de passe oublié, erreurs affichées',
    open: async (page) => {
      await page.goto('/mot-de-passe-oublie');
      await submit(page, 'Recevoir mon code ou mon lien');
    },
  },
  {
    route: '/recuperation/code',
    name: 'mot de passe oublié : saisie du code, code incorrect',
    open: async (page) => {
      await page.goto('/mot-de-passe-oublie');
      await page.getByLabel('Identifiant').fill('personne.inconnue');
      await submit(page, 'Recevoir mon code ou mon lien');
      await page.getByLabel('Code reçu par SMS').fill('000000');
      await submit(page, 'Valider le code');
    },
  },
  {
    route: '/recuperation/courriel-envoye',
    name: 'mot de passe oublié : courriel envoyé',
    open: async (page, context) => {
      await page.goto('/mot-de-passe-oublie');
      await page.getByLabel('Identifiant').fill('famille.aubrac.1');
      await page.getByLabel('Recevoir un lien par courriel (à l’adresse connue)').check();
      await submit(page, 'Recevoir mon code ou mon lien');
      context.memory.set('lien-mot-de-passe', await recoveryLink(page));
    },
  },
  {
    route: '/recuperation/nouveau-mot-de-passe',
    name: 'mot de passe oublié : lien ouvert, nouveau mot de passe',
    open: async (page, context) => {
      await page.goto(context.memory.get('lien-mot-de-passe') ?? '/recuperation/lien');
    },
  },
  {
    route: '/recuperation/lien',
    name: 'mot de passe oublié : lien déjà utilisé',
    open: async (page, context) => {
      await page.goto(context.memory.get('lien-mot-de-passe') ?? '/recuperation/lien');
    },
  },
  { route: '/identifiant-oublie', name: 'identifiant oublié', open: goto(() => '/identifiant-oublie') },
  {
    route: '/identifiant-oublie',
    name: 'identifiant oublié, erreurs affichées',
    open: async (page) => {
      await page.goto('/identifiant-oublie');
      await page.getByLabel('N° de téléphone portable ou adresse électronique').fill('pas une adresse@');
      await submit(page, 'Retrouver mon identifiant');
    },
  },
  {
    route: '/recuperation/identifiant',
    name: 'identifiant oublié : identifiant retrouvé',
    open: async (page) => {
      await page.goto('/identifiant-oublie');
      await page.getByLabel('Nom', { exact: true }).fill('Martin');
      await page.getByLabel('Prénom').fill('Sophie');
      await page.getByLabel('N° de téléphone portable ou adresse électronique').fill(SOPHIE_MARTIN_EMAIL);
      await submit(page, 'Retrouver mon identifiant');
      await page.goto(await recoveryLink(page));
    },
  },

  // --- Every account ---
  { route: '/mot-de-passe', name: 'changement de mot de passe', user: 'famille.aubrac.2', open: goto(() => '/mot-de-passe') },
  {
    route: '/mot-de-passe',
    name: 'changement de mot de passe, erreurs affichées',
    user: 'famille.aubrac.2',
    open: async (page) => {
      await page.goto('/mot-de-passe');
      await submit(page, 'Enregistrer le mot de passe');
    },
  },

  // --- Families ---
  { route: '/famille', name: 'mes enfants', user: 'famille.aubrac.1', open: goto(() => '/famille') },
  { route: '/orientation/:pupilId', name: 'orientation de Léa (intentions à saisir)', user: 'famille.aubrac.1', open: goto((ids) => `/orientation/${ids.lea}`) },
  { route: '/orientation/:pupilId', name: 'orientation de Hugo Petit (avis publié)', user: 'famille.zay.2', open: goto((ids) => `/orientation/${ids.hugoPetit}`) },
  { route: '/orientation/:pupilId', name: 'orientation de Nathan Roux (propositions)', user: 'famille.hugo.1', open: goto((ids) => `/orientation/${ids.nathan}`) },
  { route: '/eleve', name: 'accueil de l’élève', user: 'eleve.aubrac', open: goto(() => '/eleve') },
  { route: '/orientation/:pupilId/intentions', name: 'intentions de 3e, liste vide', user: 'famille.aubrac.1', open: goto((ids) => `/orientation/${ids.lea}/intentions`) },
  {
    route: '/orientation/:pupilId/intentions',
    name: 'intentions de 3e, dialogue « Ajouter » ouvert',
    user: 'famille.aubrac.1',
    only: 'javascript',
    open: async (page, { ids }) => {
      await page.goto(`/orientation/${ids.lea}/intentions`);
      await openAddDialog(page, 'Ajouter une intention', 'Saisie des intentions');
    },
  },
  {
    route: '/orientation/:pupilId/intentions',
    name: 'intentions de 3e, dialogue avec erreur',
    user: 'famille.aubrac.1',
    only: 'javascript',
    open: async (page, { ids }) => {
      await page.goto(`/orientation/${ids.lea}/intentions`);
      await openAddDialog(page, 'Ajouter une intention', 'Saisie des intentions');
      const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
      await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
      await dialog.getByRole('alert').waitFor({ state: 'visible' });
    },
  },
  { route: '/orientation/:pupilId/intentions/ajouter', name: 'ajout d’une intention (page)', user: 'famille.aubrac.1', open: goto((ids) => `/orientation/${ids.lea}/intentions/ajouter`) },
  {
    route: '/orientation/:pupilId/intentions/ajouter',
    name: 'ajout d’une intention (page), erreurs affichées',
    user: 'famille.aubrac.1',
    only: 'no-javascript',
    open: async (page, { ids }) => {
      await page.goto(`/orientation/${ids.lea}/intentions/ajouter`);
      await submit(page, "Ajouter l'intention");
    },
  },
  {
    route: '/orientation/:pupilId/intentions',
    name: 'intentions de 3e, brouillon de deux intentions',
    user: 'famille.aubrac.1',
    open: async (page, context) => {
      const path = `/orientation/${context.ids.lea}/intentions`;
      await page.goto(path);
      if ((await page.locator('.wish').count()) === 0) {
        await context.post(page, `${path}/ajouter`, [['track', '2PRO'], ['occupation', 'Ébéniste'], ['schoolStatus', 'oui']]);
        await context.post(page, `${path}/ajouter`, [['track', 'CAP']]);
        await page.goto(path);
      }
    },
  },
  { route: '/orientation/:pupilId/intentions', name: 'intentions de 2de, liste vide', user: 'famille.gouges.1', open: goto((ids) => `/orientation/${ids.zoe}/intentions`) },
  { route: '/orientation/:pupilId/intentions', name: 'intentions validées, lecture seule', user: 'famille.zay.2', open: goto((ids) => `/orientation/${ids.hugoPetit}/intentions`) },
  { route: '/orientation/:pupilId/recapitulatif', name: 'récapitulatif imprimable des intentions', user: 'famille.zay.1', open: goto((ids) => `/orientation/${ids.hugoPetit}/recapitulatif`) },
  { route: '/orientation/:pupilId/avis-provisoire', name: 'avis provisoire à accuser', user: 'famille.zay.2', open: goto((ids) => `/orientation/${ids.hugoPetit}/avis-provisoire`) },
  {
    route: '/orientation/:pupilId/avis-provisoire',
    name: 'avis provisoire, erreurs affichées',
    user: 'famille.zay.2',
    only: 'no-javascript',
    open: async (page, { ids }) => {
      await page.goto(`/orientation/${ids.hugoPetit}/avis-provisoire`);
      await submit(page, 'Valider');
    },
  },
  { route: '/orientation/:pupilId/avis-provisoire', name: 'avis provisoire lu, lecture seule', user: 'famille.veil.1', open: goto((ids) => `/orientation/${ids.ines}/avis-provisoire`) },
  { route: '/orientation/:pupilId/choix-definitifs', name: 'choix définitifs de 2de', user: 'famille.veil.1', open: goto((ids) => `/orientation/${ids.ines}/choix-definitifs`) },
  {
    route: '/orientation/:pupilId/choix-definitifs',
    name: 'choix définitifs, dialogue « Saisie des choix définitifs » ouvert',
    user: 'famille.veil.1',
    only: 'javascript',
    open: async (page, { ids }) => {
      await page.goto(`/orientation/${ids.ines}/choix-definitifs`);
      await openAddDialog(page, 'Ajouter un choix définitif', 'Saisie des choix définitifs');
    },
  },
  { route: '/orientation/:pupilId/choix-definitifs/ajouter', name: 'ajout d’un choix définitif (page)', user: 'famille.veil.1', open: goto((ids) => `/orientation/${ids.ines}/choix-definitifs/ajouter`) },
  { route: '/orientation/:pupilId/choix-definitifs', name: 'choix définitifs, lecture seule', user: 'famille.veil.2', open: goto((ids) => `/orientation/${ids.ines}/choix-definitifs`) },
  { route: '/orientation/:pupilId/propositions', name: 'propositions du conseil à répondre', user: 'famille.hugo.1', open: goto((ids) => `/orientation/${ids.nathan}/propositions`) },
  {
    route: '/orientation/:pupilId/propositions',
    name: 'propositions, erreurs affichées',
    user: 'famille.hugo.1',
    only: 'no-javascript',
    open: async (page, { ids }) => {
      await page.goto(`/orientation/${ids.nathan}/propositions`);
      await submit(page, 'Vérifier ma réponse');
    },
  },
  { route: '/orientation/:pupilId/decision', name: 'décision', user: 'famille.hugo.1', open: goto((ids) => `/orientation/${ids.nathan}/decision`) },
  { route: '/fiche-de-renseignements', name: 'fiche de renseignements', user: 'famille.aubrac.1', open: goto(() => '/fiche-de-renseignements') },
  {
    route: '/fiche-de-renseignements',
    name: 'fiche de renseignements, erreurs affichées',
    user: 'famille.aubrac.1',
    only: 'no-javascript',
    open: async (page) => {
      await page.goto('/fiche-de-renseignements');
      await page.getByLabel(/adresse électronique/i).first().fill('pas-une-adresse');
      await submit(page, /Envoyer|Enregistrer/);
    },
  },
  {
    route: '/fiche-de-renseignements',
    name: 'fiche de renseignements, lien envoyé',
    user: 'famille.aubrac.1',
    open: async (page, context) => {
      await page.goto('/fiche-de-renseignements');
      await page.getByLabel(/adresse électronique/i).first().fill(`audit.${context.javaScript ? 'js' : 'sansjs'}@example.org`);
      await submit(page, /Envoyer|Enregistrer/);
    },
  },
  { route: '/dev/mails', name: 'courriels envoyés (hors production)', open: goto(() => '/dev/mails') },
  // The SMS of the outbox (codes read there in the demo): whatever the earlier states sent, or « Aucun SMS ».
  { route: '/dev/sms', name: 'SMS envoyés (hors production)', open: goto(() => '/dev/sms') },
  {
    route: '/dev/mails/:id{[0-9]+}',
    name: 'un courriel (hors production)',
    open: async (page, context) => {
      await page.goto('/dev/mails');
      await navigation(page, () => page.locator('main a[href^="/dev/mails/"]').first().click());
      context.memory.set('mail', new URL(page.url()).pathname);
    },
  },
  {
    route: '/dev/mails/:id{[0-9]+}/html',
    name: 'un courriel en HTML (hors production)',
    emailDocument: true,
    open: async (page, context) => {
      const mail = context.memory.get('mail');
      await page.goto(mail ? `${mail}/html` : '/dev/mails');
    },
  },
  {
    route: '/fiche-de-renseignements/confirmer',
    name: 'confirmation d’une adresse électronique (lien du courriel)',
    user: 'famille.aubrac.1',
    open: async (page, context) => {
      const mail = context.memory.get('mail') ?? '/dev/mails';
      await page.goto(`${mail}/html`);
      const link = await page.locator('a[href*="/fiche-de-renseignements/confirmer"]').first().getAttribute('href');
      await page.goto(link ?? '/fiche-de-renseignements/confirmer?jeton=inconnu');
    },
  },

  // --- School staff ---
  { route: '/etablissement', name: 'accueil de l’établissement', user: 'chef.zay', open: goto(() => '/etablissement') },
  { route: '/etablissement/journal', name: 'journal de l’établissement', user: 'chef.zay', open: goto(() => '/etablissement/journal') },
  { route: '/etablissement/campagne', name: 'campagne d’orientation', user: 'chef.aubrac', open: goto(() => '/etablissement/campagne') },
  {
    route: '/etablissement/divisions/:divisionId/conseil/:phase',
    name: 'conseil de classe : avis provisoires à saisir (3e A)',
    user: 'chef.zay',
    open: goto((ids) => `/etablissement/divisions/${ids.zay3eA}/conseil/avis-provisoires`),
  },
  {
    route: '/etablissement/divisions/:divisionId/conseil/:phase',
    name: 'conseil de classe : avis provisoires publiés (3e B)',
    user: 'chef.zay',
    open: goto((ids) => `/etablissement/divisions/${ids.zay3eB}/conseil/avis-provisoires`),
  },
  {
    route: '/etablissement/divisions/:divisionId/conseil/:phase',
    name: 'conseil de classe : propositions (2de 3)',
    user: 'chef.hugo',
    open: goto((ids) => `/etablissement/divisions/${ids.hugo2de3}/conseil/propositions`),
  },
  { route: '/etablissement/divisions/:divisionId{[1-9][0-9]{0,9}}/suivi', name: 'suivi des familles', user: 'chef.zay', open: goto((ids) => `/etablissement/divisions/${ids.zay3eB}/suivi`) },
  { route: '/etablissement/import', name: 'import des élèves', user: 'chef.zay', open: goto(() => '/etablissement/import') },
  { route: '/etablissement/comptes', name: 'comptes des familles', user: 'chef.zay', open: goto(() => '/etablissement/comptes') },
  { route: '/etablissement/personnels', name: 'personnels', user: 'chef.zay', open: goto(() => '/etablissement/personnels') },
  { route: '/etablissement/eleves/:pupilId', name: 'dossier d’un élève', user: 'chef.zay', open: goto((ids) => `/etablissement/eleves/${ids.hugoPetit}`) },
  { route: '/etablissement/eleves/:pupilId', name: 'dossier d’un élève aux propositions', user: 'chef.hugo', open: goto((ids) => `/etablissement/eleves/${ids.nathan}`) },
  { route: '/etablissement/eleves/:pupilId/intentions', name: 'saisie papier des intentions', user: 'chef.aubrac', open: goto((ids) => `/etablissement/eleves/${ids.lea}/intentions`) },
  { route: '/etablissement/eleves/:pupilId/intentions/ajouter', name: 'saisie papier : ajout d’une intention', user: 'chef.aubrac', open: goto((ids) => `/etablissement/eleves/${ids.lea}/intentions/ajouter`) },
  { route: '/etablissement/eleves/:pupilId/choix-definitifs', name: 'saisie papier des choix définitifs', user: 'chef.veil', open: goto((ids) => `/etablissement/eleves/${ids.ines}/choix-definitifs`) },
  {
    route: '/etablissement/eleves/:pupilId/choix-definitifs/ajouter',
    name: 'saisie papier : ajout d’un choix définitif',
    user: 'chef.veil',
    open: goto((ids) => `/etablissement/eleves/${ids.ines}/choix-definitifs/ajouter`),
  },

  // --- Académie ---
  { route: '/academie', name: 'établissements de l’académie', user: 'admin.academie', open: goto(() => '/academie') },
  { route: '/academie/etablissements/nouveau', name: 'nouvel établissement', user: 'admin.academie', open: goto(() => '/academie/etablissements/nouveau') },
  {
    route: '/academie/etablissements/nouveau',
    name: 'nouvel établissement, erreurs affichées',
    user: 'admin.academie',
    only: 'no-javascript',
    open: async (page) => {
      await page.goto('/academie/etablissements/nouveau');
      await submit(page, /Ajouter|Enregistrer|Créer/);
    },
  },
  { route: '/academie/etablissements/:id', name: 'fiche d’un établissement', user: 'admin.academie', open: goto((ids) => `/academie/etablissements/${ids.schoolZay}`) },
];

export async function loadAuditIds(db: Kysely<Database>): Promise<AuditIds> {
  const pupil = async (first: string, last: string) =>
    (await db.selectFrom('pupil').select('id').where('first_name', '=', first).where('last_name', '=', last).orderBy('id').executeTakeFirstOrThrow()).id;
  const division = async (uai: string, name: string) =>
    (
      await db
        .selectFrom('division')
        .innerJoin('school', 'school.id', 'division.school_id')
        .select('division.id')
        .where('school.uai', '=', uai)
        .where('division.name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;
  return {
    lea: await pupil('Léa', 'Martin'),
    hugoPetit: await pupil('Hugo', 'Petit'),
    ines: await pupil('Inès', 'Bernard'),
    nathan: await pupil('Nathan', 'Roux'),
    zoe: await pupil('Zoé', 'Lefort'),
    zay3eA: await division('0990002B', '3e A'),
    zay3eB: await division('0990002B', '3e B'),
    hugo2de3: await division('0990004D', '2de 3'),
    schoolZay: (await db.selectFrom('school').select('id').where('uai', '=', '0990002B').executeTakeFirstOrThrow()).id,
  };
}
