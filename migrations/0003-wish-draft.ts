import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new numbered migration.
// A family member's list of wishes being edited, before « Valider »: one per account, pupil and
// phase, so that a round trip without JavaScript or a dropped connection loses nothing.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wish_draft')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('provisional', 'final')`))
    .addColumn('wishes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(wishes) = 'array'`))
    .addColumn('base_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('wish_draft_account_pupil_phase_key', ['account_id', 'pupil_id', 'phase'])
    .execute();
  await db.schema.createIndex('wish_draft_pupil_idx').on('wish_draft').column('pupil_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wish_draft').execute();
}
