import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

// Counters live in the database so that every container behind the load balancer shares them.
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_LOCK_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_LOGIN = 5;
// A school's PCs share one public address: the per-address limit is generous.
export const MAX_FAILURES_PER_ADDRESS = 50;

/** The form a person may type an identifier in: « Famille.Aubrac.1 », « famille. aubrac.1 » are one account. */
export function normaliseLogin(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

const loginKey = (login: string) => `login:${normaliseLogin(login)}`;
const addressKey = (address: string) => `address:${address}`;

/** The instant until which logins are refused for this identifier or address, or null when they are allowed. */
export async function lockedUntil(db: Kysely<Database>, login: string, address: string, now: Date): Promise<Date | null> {
  const rows = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('key', 'in', [loginKey(login), addressKey(address)])
    .where('locked_until', '>', now)
    .execute();
  const until = rows.map((row) => row.locked_until).filter((date): date is Date => date !== null);
  return until.length === 0 ? null : new Date(Math.max(...until.map((date) => date.getTime())));
}

async function countFailure(db: Kysely<Database>, key: string, limit: number, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockEnd = new Date(now.getTime() + THROTTLE_LOCK_MS);
  const restarts = sql`login_throttle.first_failure_at <= ${windowStart}`;
  const failures = sql<number>`case when ${restarts} then 1 else login_throttle.failures + 1 end`;
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, first_failure_at: now, locked_until: limit <= 1 ? lockEnd : null })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        failures,
        first_failure_at: sql`case when ${restarts} then ${now} else login_throttle.first_failure_at end`,
        locked_until: sql`case when ${failures} >= ${limit} then ${lockEnd} else login_throttle.locked_until end`,
      }),
    )
    .execute();
}

export async function recordLoginFailure(db: Kysely<Database>, login: string, address: string, now: Date): Promise<void> {
  await countFailure(db, loginKey(login), MAX_FAILURES_PER_LOGIN, now);
  await countFailure(db, addressKey(address), MAX_FAILURES_PER_ADDRESS, now);
}

export async function clearLoginFailures(db: Kysely<Database>, login: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', loginKey(login)).execute();
}
