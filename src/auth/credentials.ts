import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import type { UserAccount } from '../db/schema.js';
import { MAX_PASSWORD_LENGTH } from '../domain/password-policy.js';
import { clientAddress } from '../http/client-address.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import { clearLoginFailures, lockedUntil, normaliseLogin, recordLoginFailure } from './throttle.js';

// An identifier and a password checked the one way the service knows: the login form, and the
// form that links an identity provider's account to the service's (it must not be a way around
// the login's counters).

export const WRONG_CREDENTIALS = 'Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez.';

export const credentialsForm = z.object({
  identifiant: z.string().max(200).default(''),
  mot_de_passe: z.string().max(MAX_PASSWORD_LENGTH).default(''),
});
export type Credentials = z.infer<typeof credentialsForm>;

/** The form's own errors (empty fields, a body that is no form), before any account is looked at. */
export function credentialsFieldErrors(parsed: { success: boolean }, form: Credentials): FieldError[] {
  const errors: FieldError[] = [];
  if (!parsed.success) errors.push({ field: 'identifiant', message: 'Le formulaire envoyé est invalide. Réessayez.' });
  if (parsed.success && form.identifiant.trim() === '') errors.push({ field: 'identifiant', message: 'Saisissez votre identifiant.' });
  if (parsed.success && form.mot_de_passe === '') errors.push({ field: 'mot_de_passe', message: 'Saisissez votre mot de passe.' });
  return errors;
}

function formatTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')} h ${part('minute')}`;
}

export type CredentialsCheck =
  | { ok: true; account: Pick<UserAccount, 'id' | 'role' | 'must_change_password'> }
  | { ok: false; status: 422 | 429; failure: string };

/**
 * The account these credentials open, or the French failure to show: suspended after too many
 * failures (429), or wrong (422, counted). The same work is done for an unknown identifier, so
 * that timing does not tell which accounts exist.
 */
export async function checkCredentials(c: Context<AppEnv>, form: Credentials): Promise<CredentialsCheck> {
  const { db, config, now } = c.get('deps');
  const address = clientAddress(c, config.trustProxy);
  const until = await lockedUntil(db, form.identifiant, address, now());
  if (until) {
    const failure = `Trop de tentatives de connexion. Pour protéger les comptes, la connexion est suspendue jusqu’à ${formatTime(until, config.timeZone)}. Réessayez ensuite.`;
    return { ok: false, status: 429, failure };
  }
  const account = await db
    .selectFrom('user_account')
    .select(['id', 'role', 'password_hash', 'must_change_password'])
    .where('login', '=', normaliseLogin(form.identifiant))
    .executeTakeFirst();
  const passwordHash = account?.password_hash ?? (await decoyPasswordHash());
  const passwordMatches = await verifyPassword(form.mot_de_passe, passwordHash);
  if (!account || !account.password_hash || !passwordMatches) {
    await recordLoginFailure(db, form.identifiant, address, now());
    return { ok: false, status: 422, failure: WRONG_CREDENTIALS };
  }
  await clearLoginFailures(db, form.identifiant);
  return { ok: true, account: { id: account.id, role: account.role, must_change_password: account.must_change_password } };
}
