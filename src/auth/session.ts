import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { currentUserQuery, toCurrentUser, type CurrentUser } from './current-user.js';

// Sessions follow Lucia's current design: the token is `<id>.<secret>`, only the SHA-256 of
// the secret is stored, and the comparison is constant-time, so a leaked session table or a
// timing probe on the id gives nobody a usable cookie.

/** Signed out after this long without a request. */
export const SESSION_IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** Signed out after this long whatever the activity: a shared family computer is not left signed in for days. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** The sliding expiry is written at most this often, not on every request. */
const ACTIVITY_WRITE_INTERVAL_MS = 5 * 60 * 1000;

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function randomString(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte >> 3];
  return text;
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export type SessionRecord = { id: string; userId: number; createdAt: Date; lastVerifiedAt: Date };

/** `federation`: the session was opened through an OpenID Connect provider, whose session logout may end too. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  federation?: { provider: string; idToken: string | null },
): Promise<{ token: string; session: SessionRecord }> {
  const id = randomString();
  const secret = randomString();
  await db
    .insertInto('session')
    .values({
      id,
      user_id: userId,
      secret_hash: hashSecret(secret),
      created_at: now,
      last_verified_at: now,
      federation_provider: federation?.provider ?? null,
      id_token: federation?.idToken ?? null,
    })
    .execute();
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

export function isSessionExpired(session: { createdAt: Date; lastVerifiedAt: Date }, now: Date): boolean {
  return (
    now.getTime() - session.lastVerifiedAt.getTime() >= SESSION_IDLE_TIMEOUT_MS ||
    now.getTime() - session.createdAt.getTime() >= SESSION_MAX_AGE_MS
  );
}

/**
 * The session a cookie token names and the signed-in person behind it, in ONE round trip (every
 * request of a signed-in user runs it); null when the token is malformed, unknown, forged or expired.
 */
export async function validateSessionWithUser(db: Kysely<Database>, token: string, now: Date): Promise<{ session: SessionRecord; user: CurrentUser } | null> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length !== 24 || secret.length !== 24) return null;
  const row = await currentUserQuery(db)
    .innerJoin('session as se', 'se.user_id', 'a.id')
    .select(['se.id as session_id', 'se.secret_hash', 'se.created_at as session_created_at', 'se.last_verified_at'])
    .where('se.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;
  const session = { id: row.session_id, userId: row.id, createdAt: row.session_created_at, lastVerifiedAt: row.last_verified_at };
  if (isSessionExpired(session, now)) {
    await invalidateSession(db, id);
    return null;
  }
  if (now.getTime() - session.lastVerifiedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
    await db.updateTable('session').set({ last_verified_at: now }).where('id', '=', id).execute();
    session.lastVerifiedAt = now;
  }
  return { session, user: toCurrentUser(row) };
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Kysely<Database>, userId: number, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([
        eb('last_verified_at', '<=', new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS)),
        eb('created_at', '<=', new Date(now.getTime() - SESSION_MAX_AGE_MS)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
