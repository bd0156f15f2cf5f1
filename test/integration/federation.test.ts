import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashFederationSecret } from '../../src/auth/federation/link.js';
import { FEDERATION_LINK_TTL_MS } from '../../src/auth/federation/routes.js';
import { hashPassword } from '../../src/auth/password.js';
import { freePort } from '../support/smtp-server.js';
import { OIDC_CLIENT_ID, reserveOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { createTestApp, mainText, TEST_ORIGIN, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// The federation's routes through app.request(), against a real OpenID Connect provider for what
// needs one (the authorization request, the provider's logout). The whole browser dance (login and
// consent at the provider, the code coming back) is in test/e2e/federation.test.ts.

const LABEL = 'S’identifier avec ÉduConnect';
let provider: TestOidcProvider;
let deadIssuer: string;
let t: TestApp;

beforeAll(async () => {
  provider = await reserveOidcProvider();
  await provider.start(TEST_ORIGIN, ['educonnect']);
  deadIssuer = `http://127.0.0.1:${await freePort()}`;
});
afterAll(async () => {
  await provider?.close();
});
beforeEach(async () => {
  t = await createTestApp({
    env: {
      OIDC_PROVIDERS: 'educonnect,panne',
      ...provider.env('educonnect', LABEL),
      OIDC_PANNE_ISSUER: deadIssuer,
      OIDC_PANNE_CLIENT_ID: 'orientation',
      OIDC_PANNE_CLIENT_SECRET: 'secret',
    },
  });
});
afterEach(async () => {
  await t.close();
});

const db = () => t.database.db;
const accountOf = async (login: string) => (await db().selectFrom('user_account').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;

/** A browser back from the provider with an identity (`subject`) the service does not know yet. */
async function browserWithPendingLink(subject: string): Promise<TestClient> {
  const secret = `secret-${subject}-${Math.random().toString(36).slice(2)}`;
  await db()
    .insertInto('federation_login')
    .values({
      id_hash: hashFederationSecret(secret),
      provider: 'educonnect',
      state: 's',
      nonce: 'n',
      code_verifier: 'v',
      subject,
      id_token: 'jeton.d.identite',
      expires_at: new Date(t.clock.now.getTime() + FEDERATION_LINK_TTL_MS),
      created_at: t.clock.now,
    })
    .execute();
  const browser = new TestClient(t.app);
  browser.cookies.set('orientation_federation', secret);
  return browser;
}

describe('relier une identité ÉduConnect inconnue à un compte du service', () => {
  it('la page explique et propose l’identifiant ou la vérification par SMS', async () => {
    const browser = await browserWithPendingLink('sub-1');
    const response = await browser.get('/connexion/federation/relier');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(titleOf(html)).toMatch(/^Relier votre compte ÉduConnect/);
    expect(mainText(html)).toContain('Votre compte ÉduConnect n’est pas encore relié à un compte du service Orientation');
    expect(html).toContain('href="/activation"');
  });

  it('des champs vides, un mauvais mot de passe, un compte du personnel : refusés, rien n’est relié ni connecté', async () => {
    const browser = await browserWithPendingLink('sub-2');
    const empty = await browser.post('/connexion/federation/relier', { identifiant: '', mot_de_passe: '' });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(titleOf(emptyHtml)).toMatch(/^Erreur : /);
    expect(mainText(emptyHtml)).toContain('Saisissez votre identifiant.');
    expect(emptyHtml).toContain('aria-describedby="identifiant-erreur"');
    const wrong = await browser.post('/connexion/federation/relier', { identifiant: 'famille.hugo.1', mot_de_passe: 'faux' });
    const staff = await browser.post('/connexion/federation/relier', { identifiant: 'chef.hugo', mot_de_passe: 'orientation' });
    const wrongText = mainText(await wrong.text());
    expect(wrong.status).toBe(422);
    expect(wrongText).toContain('Identifiant ou mot de passe incorrect.');
    expect(staff.status).toBe(422);
    expect(mainText(await staff.text()).replace('chef.hugo', '')).toBe(wrongText.replace('famille.hugo.1', ''));
    expect(await db().selectFrom('federated_identity').selectAll().execute()).toEqual([]);
    expect((await browser.get('/famille')).headers.get('Location')).toBe('/connexion');
  });

  it('le bon identifiant relie l’identité, connecte, et la demande ne sert qu’une fois', async () => {
    const browser = await browserWithPendingLink('sub-3');
    const linked = await browser.post('/connexion/federation/relier', { identifiant: 'Famille.Hugo.1', mot_de_passe: 'orientation' });
    expect(linked.status).toBe(303);
    expect(linked.headers.get('Location')).toBe('/famille');
    expect((await browser.get('/famille')).status).toBe(200);
    const identity = await db().selectFrom('federated_identity').selectAll().executeTakeFirstOrThrow();
    expect([identity.provider, identity.subject, identity.account_id]).toEqual(['educonnect', 'sub-3', await accountOf('famille.hugo.1')]);
    const session = await db().selectFrom('session').select(['federation_provider', 'id_token']).where('user_id', '=', identity.account_id).executeTakeFirstOrThrow();
    expect(session).toEqual({ federation_provider: 'educonnect', id_token: 'jeton.d.identite' });
    expect(await db().selectFrom('federation_login').selectAll().execute()).toEqual([]);
    // The link waiting in this browser is gone: the page sends to the login page.
    expect((await browser.get('/connexion/federation/relier')).headers.get('Location')).toBe('/connexion');
  });

  it('une identité déjà reliée à un autre compte y reste ; un compte déjà relié à une autre identité est relié à la nouvelle', async () => {
    const now = t.clock.now;
    await db().insertInto('federated_identity').values({ provider: 'educonnect', subject: 'sub-pris', account_id: await accountOf('famille.hugo.2'), linked_at: now }).execute();
    const taken = await browserWithPendingLink('sub-pris');
    const refused = await taken.post('/connexion/federation/relier', { identifiant: 'famille.hugo.1', mot_de_passe: 'orientation' });
    expect(refused.status).toBe(409);
    expect(mainText(await refused.text())).toContain('déjà relié à un autre compte du service Orientation');
    expect(await db().selectFrom('federated_identity').select(['subject', 'account_id']).execute()).toEqual([{ subject: 'sub-pris', account_id: await accountOf('famille.hugo.2') }]);
    expect((await taken.get('/famille')).headers.get('Location')).toBe('/connexion');

    const fresh = await browserWithPendingLink('sub-nouveau');
    expect((await fresh.post('/connexion/federation/relier', { identifiant: 'famille.hugo.2', mot_de_passe: 'orientation' })).status).toBe(303);
    expect(await db().selectFrom('federated_identity').select(['subject', 'account_id']).execute()).toEqual([{ subject: 'sub-nouveau', account_id: await accountOf('famille.hugo.2') }]);
  });

  it('une identité en attente expire après 30 minutes', async () => {
    const browser = await browserWithPendingLink('sub-4');
    t.clock.advance(FEDERATION_LINK_TTL_MS + 1000);
    expect((await browser.get('/connexion/federation/relier')).headers.get('Location')).toBe('/connexion');
    const late = await browser.post('/connexion/federation/relier', { identifiant: 'famille.hugo.1', mot_de_passe: 'orientation' });
    expect(late.headers.get('Location')).toBe('/connexion');
    expect(await db().selectFrom('federated_identity').selectAll().execute()).toEqual([]);
  });

  it('relier un compte au mot de passe provisoire retire ce mot de passe : la lettre ne sert plus', async () => {
    const representative = await db().insertInto('representative').values({ first_name: 'Paul', last_name: 'Provisoire', email: null }).returning('id').executeTakeFirstOrThrow();
    await db()
      .insertInto('user_account')
      .values({ login: 'famille.provisoire', password_hash: await hashPassword('lettre-123'), must_change_password: true, role: 'representative', representative_id: representative.id })
      .execute();
    const browser = await browserWithPendingLink('sub-5');
    const linked = await browser.post('/connexion/federation/relier', { identifiant: 'famille.provisoire', mot_de_passe: 'lettre-123' });
    expect(linked.headers.get('Location')).toBe('/famille');
    expect((await browser.get('/famille')).status).toBe(200);
    expect((await new TestClient(t.app).login('famille.provisoire', 'lettre-123')).status).toBe(422);
  });
});

describe('aller chez le fournisseur et en revenir', () => {
  it('le bouton mène au fournisseur avec state, nonce et PKCE (S256), gardés en base sous l’empreinte d’un cookie', async () => {
    const browser = new TestClient(t.app);
    const response = await browser.get('/connexion/federation/educonnect');
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('Location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('client_id')).toBe(OIDC_CLIENT_ID);
    expect(location.searchParams.get('redirect_uri')).toBe(`${TEST_ORIGIN}/connexion/federation/educonnect/retour`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('response_type')).toBe('code');
    const row = await db().selectFrom('federation_login').selectAll().executeTakeFirstOrThrow();
    expect(location.searchParams.get('state')).toBe(row.state);
    expect(location.searchParams.get('nonce')).toBe(row.nonce);
    expect(location.searchParams.get('code_challenge')).not.toBe(row.code_verifier);
    const secret = browser.cookies.get('orientation_federation')!;
    expect(Buffer.from(row.id_hash)).toEqual(Buffer.from(hashFederationSecret(secret)));
    expect(row.expires_at.getTime() - t.clock.now.getTime()).toBe(10 * 60 * 1000);
  });

  it('un retour sans demande en cours, ou expirée, est refusé sans connecter personne', async () => {
    const stranger = await new TestClient(t.app).get('/connexion/federation/educonnect/retour?code=abc&state=def');
    expect(stranger.status).toBe(400);
    expect(mainText(await stranger.text())).toContain('La connexion avec ÉduConnect n’a pas abouti');
    const browser = new TestClient(t.app);
    const started = new URL((await browser.get('/connexion/federation/educonnect')).headers.get('Location')!);
    t.clock.advance(10 * 60 * 1000 + 1);
    const late = await browser.get(`/connexion/federation/educonnect/retour?code=abc&state=${started.searchParams.get('state')}`);
    expect(late.status).toBe(400);
    expect(late.headers.getSetCookie().some((cookie) => cookie.startsWith('orientation_session='))).toBe(false);
  });

  it('un fournisseur inconnu est introuvable ; un fournisseur qui ne répond pas donne une page 503 en français', async () => {
    expect((await new TestClient(t.app).get('/connexion/federation/inconnu')).status).toBe(404);
    expect((await new TestClient(t.app).get('/connexion/federation/inconnu/retour')).status).toBe(404);
    const down = await new TestClient(t.app).get('/connexion/federation/panne');
    expect(down.status).toBe(503);
    expect(mainText(await down.text())).toContain('utilisez votre identifiant et votre mot de passe');
    expect(await db().selectFrom('federation_login').selectAll().execute()).toEqual([]);
  });

  it('la politique de sécurité laisse un formulaire mener chez les fournisseurs configurés, et nulle part ailleurs', async () => {
    const csp = (await new TestClient(t.app).get('/connexion')).headers.get('Content-Security-Policy')!;
    const formAction = csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('form-action'));
    expect(formAction).toBe(`form-action 'self' ${provider.issuer} ${deadIssuer}`);
  });

  it('se déconnecter d’une session ouverte par ÉduConnect mène à la déconnexion du fournisseur, avec le jeton d’identité', async () => {
    const browser = await browserWithPendingLink('sub-6');
    await browser.post('/connexion/federation/relier', { identifiant: 'famille.hugo.1', mot_de_passe: 'orientation' });
    const out = await browser.post('/deconnexion', {});
    expect(out.status).toBe(303);
    const location = new URL(out.headers.get('Location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('id_token_hint')).toBe('jeton.d.identite');
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${TEST_ORIGIN}/connexion?deconnecte`);
    expect(await db().selectFrom('session').selectAll().execute()).toEqual([]);
    // A password session signs out as before.
    const local = new TestClient(t.app);
    await local.login('famille.hugo.1');
    expect((await local.post('/deconnexion', {})).headers.get('Location')).toBe('/connexion?deconnecte');
  });
});
