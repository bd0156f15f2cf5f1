import type { Kysely } from 'kysely';
import type { AccountRole, Database, StaffRole } from '../db/schema.js';

export type CurrentUser = {
  accountId: number;
  login: string;
  role: AccountRole;
  displayName: string;
  mustChangePassword: boolean;
  representativeId: number | null;
  pupilId: number | null;
  staff: { id: number; schoolId: number; role: StaffRole } | null;
  academyAdminId: number | null;
};

/** The query behind the signed-in person: the account and whoever it belongs to (joined to the session in src/auth/session.ts). */
export function currentUserQuery(db: Kysely<Database>) {
  return db
    .selectFrom('user_account as a')
    .leftJoin('representative as r', 'r.id', 'a.representative_id')
    .leftJoin('pupil as p', 'p.id', 'a.pupil_id')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .leftJoin('academy_admin as aa', 'aa.id', 'a.academy_admin_id')
    .select([
      'a.id',
      'a.login',
      'a.role',
      'a.must_change_password',
      'a.representative_id',
      'a.pupil_id',
      'a.academy_admin_id',
      's.id as staff_id',
      's.school_id as staff_school_id',
      's.role as staff_role',
      (eb) => eb.fn.coalesce('r.first_name', 'p.first_name', 's.first_name', 'aa.first_name').as('first_name'),
      (eb) => eb.fn.coalesce('r.last_name', 'p.last_name', 's.last_name', 'aa.last_name').as('last_name'),
    ]);
}

type CurrentUserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof currentUserQuery>['executeTakeFirst']>>>;

export function toCurrentUser(row: CurrentUserRow): CurrentUser {
  return {
    accountId: row.id,
    login: row.login,
    role: row.role,
    displayName: `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim(),
    mustChangePassword: row.must_change_password,
    representativeId: row.representative_id,
    pupilId: row.pupil_id,
    staff:
      row.staff_id !== null && row.staff_school_id !== null && row.staff_role !== null
        ? { id: row.staff_id, schoolId: row.staff_school_id, role: row.staff_role }
        : null,
    academyAdminId: row.academy_admin_id,
  };
}

/** Where each role lands after signing in. */
export function homePath(user: Pick<CurrentUser, 'role'>): string {
  switch (user.role) {
    case 'representative':
      return '/famille';
    case 'pupil':
      return '/eleve';
    case 'staff':
      return '/etablissement';
    case 'academy_admin':
      return '/academie';
  }
}
