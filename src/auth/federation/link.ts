import { sha256 } from '@oslojs/crypto/sha2';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../context.js';
import { servedOverHttps } from '../../http/security.js';
import { writeSessionCookie } from '../cookie.js';
import { homePath } from '../current-user.js';
import { createSession, invalidateSession } from '../session.js';

// The browser's side of a sign-in through an OpenID Connect provider: a random secret in a
// cookie, whose SHA-256 names the federation_login row (state, nonce, PKCE verifier; then, when
// the identity is not linked yet, its subject and ID token while the person proves who they are).

const cookieName = (secure: boolean) => (secure ? '__Host-orientation_federation' : 'orientation_federation');

export function hashFederationSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function writeFederationCookie(c: Context<AppEnv>, secret: string): void {
  const prefixed = c.get('deps').config.secureCookies;
  // Lax: the provider sends the browser back with a top-level GET, which carries it.
  setCookie(c, cookieName(prefixed), secret, { path: '/', httpOnly: true, secure: prefixed || servedOverHttps(c), sameSite: 'Lax', maxAge: 30 * 60 });
}

export function readFederationCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, cookieName(c.get('deps').config.secureCookies));
}

export function clearFederationCookie(c: Context<AppEnv>): void {
  const prefixed = c.get('deps').config.secureCookies;
  deleteCookie(c, cookieName(prefixed), { path: '/', secure: prefixed || servedOverHttps(c), httpOnly: true, sameSite: 'Lax' });
}

export type PendingFederationLink = { idHash: Uint8Array; provider: string; label: string; subject: string; idToken: string | null };

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
  return { idHash, provider: provider.id, label: provider.label, subject: row.subject, idToken: row.id_token };
}

/**
 * Links the waiting provider identity to `accountId` (now proven to be the person's), opens the
 * service's own session as a password login would, and answers the redirect to the person's home.
 */
export async function completeFederationLink(c: Context<AppEnv>, pending: PendingFederationLink, accountId: number): Promise<Response> {
  const { db, now } = c.get('deps');
  const at = now();
  const previous = c.get('sessionId');
  const { token, role } = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('federated_identity')
      .values({ provider: pending.provider, subject: pending.subject, account_id: accountId, linked_at: at, last_login_at: at })
      .onConflict((oc) => oc.columns(['provider', 'account_id']).doUpdateSet({ subject: pending.subject, linked_at: at, last_login_at: at }))
      .execute();
    await trx.deleteFrom('federation_login').where('id_hash', '=', pending.idHash).execute();
    if (previous) await invalidateSession(trx, previous);
    await trx.updateTable('user_account').set({ last_login_at: at }).where('id', '=', accountId).execute();
    const account = await trx.selectFrom('user_account').select('role').where('id', '=', accountId).executeTakeFirstOrThrow();
    const created = await createSession(trx, accountId, at, { provider: pending.provider, idToken: pending.idToken });
    return { token: created.token, role: account.role };
  });
  clearFederationCookie(c);
  writeSessionCookie(c, token);
  return c.redirect(homePath({ role }), 303);
}
