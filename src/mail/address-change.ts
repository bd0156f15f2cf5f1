import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addressConfirmationMessage } from './messages.js';
import { insertMails } from './outbox.js';

/** A confirmation link is valid this long. */
export const ADDRESS_LINK_TTL_MS = 24 * 60 * 60 * 1000;

const hashToken = (token: string): Uint8Array => createHash('sha256').update(token, 'utf8').digest();

/**
 * A representative asks for a new address: a single-use token (only its SHA-256 is stored),
 * valid 24 h, and a confirmation mail to the NEW address only — which carries no pupil data. Earlier
 * unconfirmed requests are dropped. Nothing changes in the fiche until the link is confirmed.
 */
export async function requestAddressChange(
  db: Kysely<Database>,
  input: { representativeId: number; accountId: number; email: string; at: Date; origin: string; timeZone: string },
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.at.getTime() + ADDRESS_LINK_TTL_MS);
  await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('representative')
      .select(['id', 'first_name', 'last_name'])
      .where('id', '=', input.representativeId)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('email_change').where('representative_id', '=', input.representativeId).where('used_at', 'is', null).execute();
    await trx
      .insertInto('email_change')
      .values({
        representative_id: input.representativeId,
        account_id: input.accountId,
        new_email: input.email,
        token_hash: hashToken(token),
        expires_at: expiresAt,
        created_at: input.at,
      })
      .execute();
    const link = `${input.origin}/fiche-de-renseignements/confirmer?jeton=${encodeURIComponent(token)}`;
    await insertMails(
      trx,
      [
        {
          kind: 'address_confirmation',
          recipient: input.email,
          representativeId: input.representativeId,
          pupilId: null,
          phase: null,
          content: addressConfirmationMessage({ id: person.id, firstName: person.first_name, lastName: person.last_name }, link, expiresAt, input.timeZone),
          notBefore: input.at,
        },
      ],
      input.at,
    );
  });
}

export type LinkCheck = { ok: true; id: number; email: string } | { ok: false; reason: string };

const REASONS = {
  unknown: 'Ce lien de confirmation n’est pas valable. Vérifiez que vous avez copié le lien en entier, ou demandez un nouveau lien depuis votre fiche de renseignements.',
  used: 'Ce lien de confirmation a déjà servi ou a été remplacé par une demande plus récente. Demandez un nouveau lien depuis votre fiche de renseignements si besoin.',
  expired: 'Ce lien de confirmation a expiré (il est valable 24 heures). Saisissez de nouveau l’adresse dans votre fiche de renseignements pour recevoir un nouveau lien.',
  otherAccount:
    'Ce lien de confirmation a été demandé depuis un autre compte. Connectez-vous avec le compte qui a indiqué cette adresse pour la confirmer.',
} as const;

/** Checks a link without changing anything (the GET of the link). */
export async function checkAddressLink(db: Kysely<Database>, input: { token: string; accountId: number; at: Date }): Promise<LinkCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) return { ok: false, reason: REASONS.unknown };
  const row = await db
    .selectFrom('email_change')
    .select(['id', 'account_id', 'new_email', 'expires_at', 'used_at'])
    .where('token_hash', '=', hashToken(input.token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: REASONS.unknown };
  if (row.account_id !== input.accountId) return { ok: false, reason: REASONS.otherAccount };
  if (row.used_at) return { ok: false, reason: REASONS.used };
  if (new Date(row.expires_at).getTime() <= input.at.getTime()) return { ok: false, reason: REASONS.expired };
  return { ok: true, id: row.id, email: row.new_email };
}

/** Confirms the link (the POST): the token is spent and the address stored, in one transaction; a refusal changes nothing. */
export async function confirmAddressChange(
  db: Kysely<Database>,
  input: { token: string; accountId: number; representativeId: number; at: Date },
): Promise<LinkCheck> {
  return db.transaction().execute(async (trx) => {
    const check = await checkAddressLink(trx, input);
    if (!check.ok) return check;
    const spent = await trx
      .updateTable('email_change')
      .set({ used_at: input.at })
      .where('id', '=', check.id)
      .where('used_at', 'is', null)
      .where('representative_id', '=', input.representativeId)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return { ok: false, reason: REASONS.used };
    await trx.updateTable('representative').set({ email: check.email, updated_at: input.at }).where('id', '=', input.representativeId).execute();
    await trx.deleteFrom('mail_address_failure').where('representative_id', '=', input.representativeId).execute();
    return check;
  });
}
