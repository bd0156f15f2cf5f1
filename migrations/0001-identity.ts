import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('academy')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('school')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('academy_id', 'integer', (c) => c.notNull().references('academy.id'))
    .addColumn('uai', 'text', (c) => c.notNull().unique().check(sql`uai ~ '^[0-9]{7}[A-Z]$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('college', 'lycee')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('school_academy_idx').on('school').column('academy_id').execute();

  await db.schema
    .createTable('division')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('school.id'))
    .addColumn('school_year', 'smallint', (c) => c.notNull().check(sql`school_year between 2000 and 2100`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('3e', '2de')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('division_school_year_name_key', ['school_id', 'school_year', 'name'])
    .addUniqueConstraint('division_id_school_key', ['id', 'school_id'])
    .execute();

  await db.schema
    .createTable('pupil')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('school.id'))
    .addColumn('division_id', 'integer', (c) => c.notNull())
    .addColumn('ine', 'text', (c) => c.unique().check(sql`ine ~ '^[0-9A-Z]{11}$'`))
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date')
    .addColumn('is_adult', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A pupil's division always belongs to the pupil's school.
    .addForeignKeyConstraint('pupil_division_school_fkey', ['division_id', 'school_id'], 'division', ['id', 'school_id'])
    .execute();
  await db.schema.createIndex('pupil_division_idx').on('pupil').column('division_id').execute();
  await db.schema.createIndex('pupil_school_idx').on('pupil').column('school_id').execute();

  await db.schema
    .createTable('representative')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('pupil_representative')
    .addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
    .addColumn('representative_id', 'integer', (c) => c.notNull().references('representative.id'))
    // At most two legal representatives per pupil: positions 1 and 2.
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position in (1, 2)`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pupil_representative_pkey', ['pupil_id', 'position'])
    .addUniqueConstraint('pupil_representative_pupil_representative_key', ['pupil_id', 'representative_id'])
    .execute();
  await db.schema
    .createIndex('pupil_representative_representative_idx')
    .on('pupil_representative')
    .column('representative_id')
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('school.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('head', 'secretary')`))
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('staff_school_idx').on('staff').column('school_id').execute();

  await db.schema
    .createTable('academy_admin')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('academy_id', 'integer', (c) => c.notNull().references('academy.id'))
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_account')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('login', 'text', (c) => c.notNull().unique().check(sql`login = lower(login) and login ~ '^[a-z0-9._-]{3,64}$'`))
    .addColumn('password_hash', 'text')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('representative', 'pupil', 'staff', 'academy_admin')`),
    )
    .addColumn('representative_id', 'integer', (c) => c.unique().references('representative.id').onDelete('cascade'))
    .addColumn('pupil_id', 'integer', (c) => c.unique().references('pupil.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.unique().references('staff.id').onDelete('cascade'))
    .addColumn('academy_admin_id', 'integer', (c) => c.unique().references('academy_admin.id').onDelete('cascade'))
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // An account belongs to exactly one person, of the kind its role says.
    .addCheckConstraint(
      'user_account_one_person_check',
      sql`num_nonnulls(representative_id, pupil_id, staff_id, academy_admin_id) = 1
        and (role <> 'representative' or representative_id is not null)
        and (role <> 'pupil' or pupil_id is not null)
        and (role <> 'staff' or staff_id is not null)
        and (role <> 'academy_admin' or academy_admin_id is not null)`,
    )
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('secret_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_verified_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
    .addColumn('first_failure_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'login_throttle',
    'session',
    'user_account',
    'academy_admin',
    'staff',
    'pupil_representative',
    'representative',
    'pupil',
    'division',
    'school',
    'academy',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
