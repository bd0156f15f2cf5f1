import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { CODE_TTL_MS, FLOW_TTL_MS, formatCode, LINK_TTL_MS, RATE_LIMITS, rateLimitVerdict } from '../domain/account-challenge.js';
import { sameName } from '../domain/person-name.js';
import { mobileNumberTail, normaliseMobileNumber } from '../domain/phone.js';
import { serviceCookie } from './cookie.js';

// account_challenge (migration 0008): one attempt to prove who one is, bound to the browser that
// asked by a flow cookie (only the SHA-256 of its secret is stored), with the SHA-256 of the code
// sent by SMS or of the token of the link sent by e-mail.

type Executor = Kysely<Database>;

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

// --- The flow cookie ---------------------------------------------------------------------------

const flowCookie = serviceCookie('orientation_activation', { maxAgeSeconds: FLOW_TTL_MS / 1000 });

export function newFlowSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const writeFlowCookie = flowCookie.write;
export const clearFlowCookie = flowCookie.clear;

export function readFlowCookie(c: Context<AppEnv>): string | undefined {
  const value = flowCookie.read(c);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

// --- Challenges ---------------------------------------------------------------------------------

export type Challenge = {
  id: number;
  purpose: 'activation' | 'recovery' | 'federation_link';
  channel: 'sms' | 'email';
  destination: string;
  representativeId: number | null;
  accountId: number | null;
  codeHash: Uint8Array | null;
  codeFailures: number;
  birthDateFailures: number;
  expiresAt: Date;
  createdAt: Date;
  verifiedAt: Date | null;
  identityCheckedAt: Date | null;
  usedAt: Date | null;
};

const challengeColumns = [
  'id',
  'purpose',
  'channel',
  'destination',
  'representative_id',
  'account_id',
  'code_hash',
  'code_failures',
  'birth_date_failures',
  'expires_at',
  'created_at',
  'verified_at',
  'identity_checked_at',
  'used_at',
] as const;

type ChallengeRow = {
  id: number | string;
  purpose: string;
  channel: string;
  destination: string;
  representative_id: number | null;
  account_id: number | null;
  code_hash: Uint8Array | null;
  code_failures: number;
  birth_date_failures: number;
  expires_at: Date;
  created_at: Date;
  verified_at: Date | null;
  identity_checked_at: Date | null;
  used_at: Date | null;
};

function toChallenge(row: ChallengeRow): Challenge {
  return {
    id: Number(row.id),
    purpose: row.purpose as Challenge['purpose'],
    channel: row.channel as Challenge['channel'],
    destination: row.destination,
    representativeId: row.representative_id,
    accountId: row.account_id,
    codeHash: row.code_hash ? new Uint8Array(row.code_hash) : null,
    codeFailures: row.code_failures,
    birthDateFailures: row.birth_date_failures,
    expiresAt: new Date(row.expires_at),
    createdAt: new Date(row.created_at),
    verifiedAt: row.verified_at ? new Date(row.verified_at) : null,
    identityCheckedAt: row.identity_checked_at ? new Date(row.identity_checked_at) : null,
    usedAt: row.used_at ? new Date(row.used_at) : null,
  };
}

/** The challenge this browser's flow cookie names, if any. */
export async function challengeOfFlow(db: Executor, secret: string | undefined): Promise<Challenge | null> {
  if (!secret) return null;
  const row = await db.selectFrom('account_challenge').select(challengeColumns).where('flow_hash', '=', sha256(secret)).executeTakeFirst();
  return row ? toChallenge(row as ChallengeRow) : null;
}

/** How many codes or links were asked lately for this destination and from this client (decoys included). */
export async function requestLimit(db: Executor, destination: string, client: string, now: Date): Promise<'ok' | 'destination' | 'client'> {
  const hourAgo = new Date(now.getTime() - RATE_LIMITS.hourMs);
  const dayAgo = new Date(now.getTime() - RATE_LIMITS.dayMs);
  const row = await db
    .selectFrom('account_challenge')
    .select([
      sql<string>`count(*) filter (where destination = ${destination} and created_at > ${hourAgo})`.as('destination_hour'),
      sql<string>`count(*) filter (where destination = ${destination} and created_at > ${dayAgo})`.as('destination_day'),
      sql<string>`count(*) filter (where client_address = ${client} and created_at > ${hourAgo})`.as('client_hour'),
    ])
    .where((eb) => eb.or([eb('destination', '=', destination), eb('client_address', '=', client)]))
    .where('created_at', '>', dayAgo)
    .executeTakeFirstOrThrow();
  return rateLimitVerdict({
    destinationLastHour: Number(row.destination_hour),
    destinationLastDay: Number(row.destination_day),
    clientLastHour: Number(row.client_hour),
  });
}

export type NewChallenge = {
  purpose: Challenge['purpose'];
  channel: Challenge['channel'];
  destination: string;
  clientAddress: string;
  representativeId: number | null;
  accountId: number | null;
  flowSecret: string;
};

/**
 * Writes a challenge in the caller's transaction. SMS: returns the code to send (a decoy gets a
 * code too, never sent, so that it is refused exactly like a wrong one). E-mail: returns the link's token.
 */
export async function insertChallenge(trx: Executor, input: NewChallenge, at: Date): Promise<{ id: number; code: string | null; token: string | null }> {
  const code = input.channel === 'sms' ? formatCode(randomInt(0, 1_000_000)) : null;
  const token = input.channel === 'email' ? randomBytes(32).toString('base64url') : null;
  const row = await trx
    .insertInto('account_challenge')
    .values({
      purpose: input.purpose,
      channel: input.channel,
      destination: input.destination,
      client_address: input.clientAddress,
      representative_id: input.representativeId,
      account_id: input.accountId,
      flow_hash: sha256(input.flowSecret),
      code_hash: code ? sha256(code) : null,
      link_hash: token && (input.representativeId !== null || input.accountId !== null) ? sha256(token) : null,
      expires_at: new Date(at.getTime() + (input.channel === 'sms' ? CODE_TTL_MS : LINK_TTL_MS)),
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), code, token };
}

/** The typed code against the stored hash, in constant time. */
export function codeMatches(challenge: Challenge, code: string): boolean {
  if (!challenge.codeHash) return false;
  const typed = sha256(code);
  const stored = Buffer.from(challenge.codeHash);
  return stored.length === typed.length && timingSafeEqual(stored, typed);
}

/** A wrong code: one try fewer (the row is updated even for a decoy, like a real one). */
export async function recordCodeFailure(db: Executor, id: number): Promise<number> {
  const row = await db
    .updateTable('account_challenge')
    .set((eb) => ({ code_failures: eb('code_failures', '+', 1) }))
    .where('id', '=', id)
    .returning('code_failures')
    .executeTakeFirstOrThrow();
  return row.code_failures;
}

export async function markVerified(db: Executor, id: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('account_challenge')
    .set({ verified_at: at })
    .where('id', '=', id)
    .where('verified_at', 'is', null)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordBirthDateFailure(db: Executor, id: number): Promise<number> {
  const row = await db
    .updateTable('account_challenge')
    .set((eb) => ({ birth_date_failures: eb('birth_date_failures', '+', 1) }))
    .where('id', '=', id)
    .returning('birth_date_failures')
    .executeTakeFirstOrThrow();
  return row.birth_date_failures;
}

export async function markIdentityChecked(db: Executor, id: number, at: Date): Promise<void> {
  await db.updateTable('account_challenge').set({ identity_checked_at: at }).where('id', '=', id).execute();
}

/** Spends the challenge; false when it was spent already (a replay, or two tabs). */
export async function markUsed(db: Executor, id: number, at: Date): Promise<boolean> {
  const result = await db.updateTable('account_challenge').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The e-mail link: the challenge its token names, which then belongs to the browser that opened it (a new flow secret). */
export async function openLink(db: Executor, token: string, flowSecret: string, now: Date): Promise<'ok' | 'dead'> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return 'dead';
  const result = await db
    .updateTable('account_challenge')
    .set({ flow_hash: sha256(flowSecret), verified_at: now })
    .where('link_hash', '=', sha256(token))
    .where('verified_at', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'ok' : 'dead';
}

// --- Who is asking ------------------------------------------------------------------------------

/**
 * The representative known to a school with this mobile number and name, who has at least one
 * child: found by the indexed last nine digits, then compared as typed (normalised numbers, names).
 */
export async function findRepresentative(db: Executor, input: { mobile: string; lastName: string; firstName: string }): Promise<{ id: number } | null> {
  const rows = await db
    .selectFrom('representative as r')
    .select(['r.id', 'r.phone', 'r.last_name', 'r.first_name'])
    .where(sql<string>`right(regexp_replace(r.phone, '[^0-9]', '', 'g'), 9)`, '=', mobileNumberTail(input.mobile))
    .where('r.phone', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('pupil_representative as pr').select('pr.pupil_id').whereRef('pr.representative_id', '=', 'r.id')))
    .orderBy('r.id')
    .execute();
  const found = rows.find(
    (row) => row.phone !== null && normaliseMobileNumber(row.phone) === input.mobile && sameName(row.last_name, input.lastName) && sameName(row.first_name, input.firstName),
  );
  return found ? { id: found.id } : null;
}

/** The representative known to a school with this e-mail address and name (forgotten identifier by e-mail). */
export async function findRepresentativeByEmail(db: Executor, input: { email: string; lastName: string; firstName: string }): Promise<{ id: number } | null> {
  const rows = await db
    .selectFrom('representative as r')
    .select(['r.id', 'r.last_name', 'r.first_name'])
    .where(sql<string>`lower(trim(r.email))`, '=', input.email)
    .where((eb) => eb.exists(eb.selectFrom('pupil_representative as pr').select('pr.pupil_id').whereRef('pr.representative_id', '=', 'r.id')))
    .orderBy('r.id')
    .execute();
  const found = rows.find((row) => sameName(row.last_name, input.lastName) && sameName(row.first_name, input.firstName));
  return found ? { id: found.id } : null;
}

export type Child = { pupilId: number; firstName: string; lastName: string; birthDate: string | null };

/** The children the schools know for a representative, in a stable order. */
export async function childrenOf(db: Executor, representativeId: number): Promise<Child[]> {
  const rows = await db
    .selectFrom('pupil_representative as pr')
    .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
    .select(['p.id', 'p.first_name', 'p.last_name', 'p.birth_date'])
    .where('pr.representative_id', '=', representativeId)
    .orderBy('p.birth_date')
    .orderBy('p.id')
    .execute();
  return rows.map((row) => ({ pupilId: row.id, firstName: row.first_name, lastName: row.last_name, birthDate: row.birth_date }));
}

/** The account a challenge is about: its own, or the account of its representative. */
export async function accountOfChallenge(db: Executor, challenge: Challenge): Promise<{ id: number; login: string; role: string } | null> {
  if (challenge.accountId !== null) {
    return (await db.selectFrom('user_account').select(['id', 'login', 'role']).where('id', '=', challenge.accountId).executeTakeFirst()) ?? null;
  }
  if (challenge.representativeId !== null) {
    return (await db.selectFrom('user_account').select(['id', 'login', 'role']).where('representative_id', '=', challenge.representativeId).executeTakeFirst()) ?? null;
  }
  return null;
}
