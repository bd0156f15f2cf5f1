import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An instant stored as `timestamptz`: read as a Date, written as a Date or an ISO string. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar day stored as `date`, read and written as `YYYY-MM-DD` (never as a Date: no time zone games). */
type CalendarDay = string;

export type SchoolKind = 'college' | 'lycee';
export type Level = '3e' | '2de';
export type StaffRole = 'head' | 'secretary';
export type AccountRole = 'representative' | 'pupil' | 'staff' | 'academy_admin';

export interface AcademyTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SchoolTable {
  id: Generated<number>;
  academy_id: number;
  uai: string;
  name: string;
  kind: SchoolKind;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DivisionTable {
  id: Generated<number>;
  school_id: number;
  school_year: number;
  name: string;
  level: Level;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PupilTable {
  id: Generated<number>;
  school_id: number;
  division_id: number;
  ine: string | null;
  last_name: string;
  first_name: string;
  birth_date: CalendarDay | null;
  is_adult: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RepresentativeTable {
  id: Generated<number>;
  last_name: string;
  first_name: string;
  email: string | null;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PupilRepresentativeTable {
  pupil_id: number;
  representative_id: number;
  position: 1 | 2;
  created_at: CreatedAt;
}

export interface StaffTable {
  id: Generated<number>;
  school_id: number;
  role: StaffRole;
  last_name: string;
  first_name: string;
  email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AcademyAdminTable {
  id: Generated<number>;
  academy_id: number;
  last_name: string;
  first_name: string;
  email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserAccountTable {
  id: Generated<number>;
  login: string;
  password_hash: string | null;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  role: AccountRole;
  representative_id: number | null;
  pupil_id: number | null;
  staff_id: number | null;
  academy_admin_id: number | null;
  password_changed_at: Instant | null;
  last_login_at: Instant | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionTable {
  id: string;
  user_id: number;
  secret_hash: Uint8Array;
  created_at: CreatedAt;
  last_verified_at: Instant;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: Instant;
  locked_until: Instant | null;
}

export interface Database {
  academy: AcademyTable;
  school: SchoolTable;
  division: DivisionTable;
  pupil: PupilTable;
  representative: RepresentativeTable;
  pupil_representative: PupilRepresentativeTable;
  staff: StaffTable;
  academy_admin: AcademyAdminTable;
  user_account: UserAccountTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
}

export type UserAccount = Selectable<UserAccountTable>;
export type NewUserAccount = Insertable<UserAccountTable>;
export type UserAccountUpdate = Updateable<UserAccountTable>;
