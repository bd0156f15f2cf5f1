import { sha256 } from '@oslojs/crypto/sha2';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { serviceCookie, writeSessionCookie } from '../cookie.js';
import { homePath } from '../current-user.js';
import { renderLinkedElsewhere } from './pages.js';
import { createSession, invalidateSession } from '../session.js';
import { providerName } from './providers.js';

// The browser's side of a sign-in through an OpenID Connect provider: a random secret in a
// cookie, whose SHA-256 names the federation_login row (state, nonce, PKCE verifier; then, when
// the identity is not linked yet, its subject and ID token while the person proves who they are).

const federationCookie = serviceCookie('orientation_federation', { maxAgeSeconds: 30 * 60 });

export function hashFederationSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export const writeFederationCookie = federationCookie.write;
export const readFederationCookie = federationCookie.read;
export const clearFederationCookie = federationCookie.clear;

export type PendingFederationLink = {
  idHash: Uint8Array;
  provider: string;
  /** The button's text (« S’identifier avec ÉduConnect »). */
  label: string;
  /** The provider's name as a sentence names it (« ÉduConnect »). */
  name: string;
  subject: string;
  idToken: string | null;
};

/** The provider identity this browser came back with and that waits to be linked to an account, if any. */
export async function readPendingFederationLink(c: Context<AppEnv>): Promise<PendingFederationLink | null> {
  const secret = readFederationCookie(c);
  if (!secret || secret.length > 100) return null;
  const { db, now, config } = c.get('deps');
  const idHash = hashFederationSecret(secret);
  const row = await db
    .selectFrom('federation_login')
    .select(['provider', 'subject', 'id_token'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now())
    .where('subject', 'is not', null)
    .executeTakeFirst();
  const provider = row && config.federation.find((p) => p.id === row.provider);
  if (!row?.subject || !provider) return null;
  return { idHash, provider: provider.id, label: provider.label, name: providerName(provider), subject: row.subject, idToken: row.id_token };
}

/** The provider's identity is already linked to another account of the service: it stays there. */
export class IdentityLinkedElsewhereError extends Error {
  constructor() {
    super('identité déjà reliée à un autre compte');
    this.name = 'IdentityLinkedElsewhereError';
  }
}

type FederatedSignIn = { idHash: Uint8Array; provider: string; subject: string; idToken: string | null };

/**
 * Opens the service's own session for `accountId` after a sign-in through a provider, in one
 * transaction: the identity is linked (`link`) or its last use noted, the pending row deleted, any
 * session this browser had ended (a new id at every login), and a provisional password withdrawn
 * (the person now comes in through the provider; the letter's password must not stay valid
 * unchanged — « Mot de passe oublié ? » gives them a password of their own when they want one).
 * Answers the 303 to the person's home.
 */
export async function openFederatedSession(c: Context<AppEnv>, signIn: FederatedSignIn, accountId: number, link: boolean): Promise<Response> {
  const { db, now } = c.get('deps');
  const at = now();
  const previous = c.get('sessionId');
  const { token, role } = await db.transaction().execute(async (trx) => {
    if (link) {
      const existing = await trx
        .selectFrom('federated_identity')
        .select('account_id')
        .where('provider', '=', signIn.provider)
        .where('subject', '=', signIn.subject)
        .forUpdate()
        .executeTakeFirst();
      if (existing && existing.account_id !== accountId) throw new IdentityLinkedElsewhereError();
      // An account already linked at this provider to another identity is relinked to this one:
      // the person has just proven both (the account, and the provider's identity).
      await trx.deleteFrom('federated_identity').where('provider', '=', signIn.provider).where('account_id', '=', accountId).execute();
      await trx
        .insertInto('federated_identity')
        .values({ provider: signIn.provider, subject: signIn.subject, account_id: accountId, linked_at: at, last_login_at: at })
        .execute();
    } else {
      await trx
        .updateTable('federated_identity')
        .set({ last_login_at: at })
        .where('provider', '=', signIn.provider)
        .where('subject', '=', signIn.subject)
        .execute();
    }
    await trx.deleteFrom('federation_login').where('id_hash', '=', signIn.idHash).execute();
    if (previous) await invalidateSession(trx, previous);
    const account = await trx.selectFrom('user_account').select(['role', 'must_change_password']).where('id', '=', accountId).executeTakeFirstOrThrow();
    await trx
      .updateTable('user_account')
      .set(account.must_change_password ? { last_login_at: at, must_change_password: false, password_hash: null, updated_at: at } : { last_login_at: at })
      .where('id', '=', accountId)
      .execute();
    const created = await createSession(trx, accountId, at, { provider: signIn.provider, idToken: signIn.idToken });
    return { token: created.token, role: account.role };
  });
  clearFederationCookie(c);
  writeSessionCookie(c, token);
  return c.redirect(homePath({ role }), 303);
}

/**
 * Links the waiting provider identity to `accountId` (now proven to be the person's), opens the
 * service's own session as a password login would, and answers the redirect to the person's home.
 * When the identity was linked to another account meanwhile, nothing changes and the page says so (409).
 */
export async function completeFederationLink(c: Context<AppEnv>, pending: PendingFederationLink, accountId: number): Promise<Response> {
  try {
    return await openFederatedSession(c, pending, accountId, true);
  } catch (error) {
    if (!(error instanceof IdentityLinkedElsewhereError)) throw error;
    await c.get('deps').db.deleteFrom('federation_login').where('id_hash', '=', pending.idHash).execute();
    clearFederationCookie(c);
    return renderLinkedElsewhere(c, pending.name);
  }
}
