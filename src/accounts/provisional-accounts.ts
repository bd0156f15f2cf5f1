import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password.js';
import { invalidateUserSessions } from '../auth/session.js';
import type { AccountRole, Database } from '../db/schema.js';
import { firstFreeLogin, loginBase, provisionalPassword } from '../domain/accounts.js';

export type AccountOwner =
  | { role: 'representative'; representativeId: number }
  | { role: 'pupil'; pupilId: number }
  | { role: 'staff'; staffId: number }
  | { role: 'academy_admin'; academyAdminId: number };

export type IssuedAccount = { login: string; password: string; accountId: number };

const ownerColumns = (owner: AccountOwner) => ({
  role: owner.role as AccountRole,
  representative_id: owner.role === 'representative' ? owner.representativeId : null,
  pupil_id: owner.role === 'pupil' ? owner.pupilId : null,
  staff_id: owner.role === 'staff' ? owner.staffId : null,
  academy_admin_id: owner.role === 'academy_admin' ? owner.academyAdminId : null,
});

const ownerColumn = (owner: AccountOwner) =>
  owner.role === 'representative' ? 'representative_id' : owner.role === 'pupil' ? 'pupil_id' : owner.role === 'staff' ? 'staff_id' : 'academy_admin_id';
const ownerId = (owner: AccountOwner) =>
  owner.role === 'representative' ? owner.representativeId : owner.role === 'pupil' ? owner.pupilId : owner.role === 'staff' ? owner.staffId : owner.academyAdminId;

export type ProvisionalCredentials = { password: string; passwordHash: string };

/** A new provisional password and its hash. Hash many at once with Promise.all: the hashing pool bounds them. */
export async function newProvisionalCredentials(): Promise<ProvisionalCredentials> {
  const password = provisionalPassword(randomBytes(12));
  return { password, passwordHash: await hashPassword(password) };
}

/**
 * Gives a person an account with a new provisional password (forced change at first login),
 * or, when they have one, a new provisional password that ends their sessions. The password is
 * returned once, to be shown or printed, and only its hash is kept.
 */
export async function issueProvisionalAccount(
  db: Kysely<Database>,
  person: { firstName: string; lastName: string; owner: AccountOwner },
  credentials?: ProvisionalCredentials,
): Promise<IssuedAccount> {
  const { password, passwordHash } = credentials ?? (await newProvisionalCredentials());
  const column = ownerColumn(person.owner);
  const existing = await db.selectFrom('user_account').select(['id', 'login']).where(column, '=', ownerId(person.owner)).executeTakeFirst();
  if (existing) {
    await db
      .updateTable('user_account')
      .set({ password_hash: passwordHash, must_change_password: true, updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
    await invalidateUserSessions(db, existing.id);
    return { login: existing.login, password, accountId: existing.id };
  }
  const base = loginBase(person.firstName, person.lastName);
  const taken = new Set(
    (await db.selectFrom('user_account').select('login').where('login', 'like', `${base}%`).execute()).map((row) => row.login),
  );
  const login = firstFreeLogin(base, taken);
  const created = await db
    .insertInto('user_account')
    .values({ login, password_hash: passwordHash, must_change_password: true, ...ownerColumns(person.owner) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { login, password, accountId: created.id };
}
