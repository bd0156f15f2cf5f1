import { Hono, type Context } from 'hono';
import * as client from 'openid-client';
import type { FederationProvider } from '../../config.js';
import type { AppEnv } from '../../context.js';
import { formFields } from '../../http/form.js';
import { renderPage } from '../../http/render.js';
import type { FieldError } from '../../../views/components/error-summary.js';
import { FederationLinkPage } from '../../../views/auth/federation-link-page.js';
import { checkCredentials, credentialsFieldErrors, credentialsForm, WRONG_CREDENTIALS } from '../credentials.js';
import { homePath } from '../current-user.js';
import { normaliseLogin } from '../throttle.js';
import {
  clearFederationCookie,
  completeFederationLink,
  hashFederationSecret,
  IdentityLinkedElsewhereError,
  openFederatedSession,
  readFederationCookie,
  readPendingFederationLink,
  writeFederationCookie,
} from './link.js';
import { renderLinkedElsewhere, renderRefused, renderUnavailable } from './pages.js';
import { findProvider, FederationUnavailableError, providerConfiguration, providerName, redirectUri } from './providers.js';

// Sign-in through an OpenID Connect provider (ÉduConnect, FranceConnect, an académie's own):
// authorization code flow with PKCE (S256), state and nonce, all kept in federation_login and
// found again by the hash of a cookie. The provider's `sub` names the person there; it is linked
// once to an account of the service, then the service's own session opens as for a password login.

/** An authorization request waits this long for the provider's answer. */
export const FEDERATION_LOGIN_TTL_MS = 10 * 60 * 1000;
/** An identity not linked yet waits this long while the person proves which account is theirs. */
export const FEDERATION_LINK_TTL_MS = 30 * 60 * 1000;

/** Only families' accounts come in through a provider; staff and académie accounts use their password. */
const LINKABLE_ROLES = ['representative', 'pupil'] as const;

const PROVIDER_ID = '{[a-z0-9-]{1,32}}';

function randomSecret(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

function logFederation(c: Context<AppEnv>, level: 'warn' | 'info', message: string, provider: FederationProvider, error?: unknown): void {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? undefined : String(error);
  console.error(JSON.stringify({ time: new Date().toISOString(), level, path: c.req.path, provider: provider.id, message, ...(detail ? { error: detail } : {}) }));
}

/** The value of the provider's identifier claim, from the ID token or else from userinfo. */
async function identifierClaim(
  configuration: client.Configuration,
  provider: FederationProvider,
  claims: Record<string, unknown>,
  accessToken: string | undefined,
  subject: string,
): Promise<string | null> {
  if (!provider.identifierClaim) return null;
  let value = claims[provider.identifierClaim];
  if (value === undefined && accessToken && configuration.serverMetadata().userinfo_endpoint) {
    try {
      value = (await client.fetchUserInfo(configuration, accessToken, subject))[provider.identifierClaim];
    } catch {
      value = undefined;
    }
  }
  return typeof value === 'string' && value.trim() !== '' && value.length <= 200 ? value : null;
}

export function federationRoutes() {
  const app = new Hono<AppEnv>();

  // Before `/connexion/federation/:provider`: « relier » is a page, not a provider.
  app.get('/connexion/federation/relier', async (c) => {
    const pending = await readPendingFederationLink(c);
    if (!pending) return c.redirect('/connexion', 303);
    return renderPage(c, { title: `Relier votre compte ${pending.name}` }, <FederationLinkPage name={pending.name} label={pending.label} />);
  });

  app.post('/connexion/federation/relier', async (c) => {
    const pending = await readPendingFederationLink(c);
    if (!pending) return c.redirect('/connexion', 303);
    const title = `Relier votre compte ${pending.name}`;
    const parsed = credentialsForm.safeParse(await formFields(c.req.raw));
    const form = parsed.success ? parsed.data : { identifiant: '', mot_de_passe: '' };
    const shownLogin = form.identifiant.slice(0, 200);
    const page = (props: { errors?: FieldError[]; failure?: string }) => <FederationLinkPage name={pending.name} label={pending.label} login={shownLogin} {...props} />;

    const errors = credentialsFieldErrors(parsed, form);
    if (errors.length > 0) return renderPage(c, { title, hasErrors: true, status: 422 }, page({ errors }));

    const checked = await checkCredentials(c, form);
    if (!checked.ok) return renderPage(c, { title, hasErrors: true, status: checked.status }, page({ failure: checked.failure }));
    const account = checked.account;
    // A staff or académie account is never linked: answered as a wrong password is.
    if (!(LINKABLE_ROLES as readonly string[]).includes(account.role)) {
      return renderPage(c, { title, hasErrors: true, status: 422 }, page({ failure: WRONG_CREDENTIALS }));
    }
    return completeFederationLink(c, pending, account.id);
  });

  app.get(`/connexion/federation/:provider${PROVIDER_ID}`, async (c) => {
    const { db, config, now } = c.get('deps');
    const provider = findProvider(config, c.req.param('provider'));
    if (!provider) return c.notFound();
    const user = c.get('user');
    if (user) return c.redirect(homePath(user), 303);

    let configuration: client.Configuration;
    try {
      configuration = await providerConfiguration(provider);
    } catch (error) {
      logFederation(c, 'warn', 'fournisseur d’identité injoignable', provider, error);
      return renderUnavailable(c, providerName(provider));
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const secret = randomSecret();
    const at = now();
    await db.transaction().execute(async (trx) => {
      // Abandoned requests and links do not pile up.
      await trx.deleteFrom('federation_login').where('expires_at', '<=', at).execute();
      await trx
        .insertInto('federation_login')
        .values({
          id_hash: hashFederationSecret(secret),
          provider: provider.id,
          state,
          nonce,
          code_verifier: codeVerifier,
          expires_at: new Date(at.getTime() + FEDERATION_LOGIN_TTL_MS),
          created_at: at,
        })
        .execute();
    });
    writeFederationCookie(c, secret);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri(config, provider),
      scope: provider.scopes,
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
    });
    return c.redirect(url.href, 303);
  });

  app.get(`/connexion/federation/:provider${PROVIDER_ID}/retour`, async (c) => {
    const { db, config, now } = c.get('deps');
    const provider = findProvider(config, c.req.param('provider'));
    if (!provider) return c.notFound();
    const name = providerName(provider);
    const secret = readFederationCookie(c);
    const idHash = secret && secret.length <= 100 ? hashFederationSecret(secret) : null;
    const row = idHash
      ? await db
          .selectFrom('federation_login')
          .select(['state', 'nonce', 'code_verifier'])
          .where('id_hash', '=', idHash)
          .where('provider', '=', provider.id)
          .where('subject', 'is', null)
          .where('expires_at', '>', now())
          .executeTakeFirst()
      : undefined;
    if (!idHash || !row) {
      clearFederationCookie(c);
      return renderRefused(c, name, 'expired');
    }
    // Single use: whatever the outcome below, this request cannot be answered twice.
    const refuse = async (reason: 'refused' | 'cancelled', error?: unknown) => {
      await db.deleteFrom('federation_login').where('id_hash', '=', idHash).execute();
      clearFederationCookie(c);
      logFederation(c, 'warn', 'réponse du fournisseur d’identité refusée', provider, error ?? c.req.query('error'));
      return renderRefused(c, name, reason);
    };
    if (c.req.query('error') !== undefined) return refuse('cancelled');

    let configuration: client.Configuration;
    try {
      configuration = await providerConfiguration(provider);
    } catch (error) {
      if (!(error instanceof FederationUnavailableError)) throw error;
      logFederation(c, 'warn', 'fournisseur d’identité injoignable', provider, error);
      return renderUnavailable(c, name);
    }

    // The URL the provider sent the browser to, as the browser sees it (behind a TLS proxy too).
    const incoming = new URL(c.req.url);
    const currentUrl = new URL(`${incoming.pathname}${incoming.search}`, config.publicOrigin);
    let subject: string;
    let idToken: string | null;
    let claimed: string | null;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: row.code_verifier,
        expectedState: row.state,
        expectedNonce: row.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('pas de jeton d’identité');
      subject = claims.sub;
      idToken = tokens.id_token ?? null;
      claimed = await identifierClaim(configuration, provider, claims, tokens.access_token, subject);
    } catch (error) {
      return refuse('refused', error);
    }

    const signIn = { idHash, provider: provider.id, subject, idToken };
    // (1) Linked already: straight in.
    const linked = await db
      .selectFrom('federated_identity as f')
      .innerJoin('user_account as a', 'a.id', 'f.account_id')
      .select('f.account_id')
      .where('f.provider', '=', provider.id)
      .where('f.subject', '=', subject)
      .where('a.role', 'in', LINKABLE_ROLES)
      .executeTakeFirst();
    if (linked) return openFederatedSession(c, signIn, linked.account_id, false);

    // (2) The provider carries the identifier the school issued: linked on this first sign-in.
    if (claimed) {
      const account = await db
        .selectFrom('user_account')
        .select('id')
        .where('login', '=', normaliseLogin(claimed))
        .where('role', 'in', LINKABLE_ROLES)
        .executeTakeFirst();
      if (account) {
        try {
          return await openFederatedSession(c, signIn, account.id, true);
        } catch (error) {
          if (!(error instanceof IdentityLinkedElsewhereError)) throw error;
          await db.deleteFrom('federation_login').where('id_hash', '=', idHash).execute();
          clearFederationCookie(c);
          return renderLinkedElsewhere(c, name);
        }
      }
    }

    // (3) Unknown here: the identity waits while the person proves which account is theirs.
    await db
      .updateTable('federation_login')
      .set({ subject, id_token: idToken, expires_at: new Date(now().getTime() + FEDERATION_LINK_TTL_MS) })
      .where('id_hash', '=', idHash)
      .execute();
    if (secret) writeFederationCookie(c, secret);
    return c.redirect('/connexion/federation/relier', 303);
  });

  return app;
}
