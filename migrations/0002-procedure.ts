import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new numbered migration.
// The check constraints repeat the domain's unions (src/domain/file.ts, calendar.ts, wishes.ts).

const PHASES = sql`('provisional', 'final')`;
const MEMBER_KINDS = sql`('representative', 'pupil')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('school.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('3e', '2de')`))
    .addColumn('school_year', 'smallint', (c) => c.notNull().check(sql`school_year between 2000 and 2100`))
    .addColumn('intentions_opens_at', 'timestamptz')
    .addColumn('intentions_closes_at', 'timestamptz')
    .addColumn('acknowledgement_opens_at', 'timestamptz')
    .addColumn('acknowledgement_closes_at', 'timestamptz')
    .addColumn('choices_opens_at', 'timestamptz')
    .addColumn('choices_closes_at', 'timestamptz')
    .addColumn('response_opens_at', 'timestamptz')
    .addColumn('response_closes_at', 'timestamptz')
    .addColumn('second_representative', 'text', (c) =>
      c.notNull().defaultTo('presumed').check(sql`second_representative in ('presumed', 'required', 'none')`),
    )
    .addColumn('pupil_access', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('term_wording', 'text', (c) => c.notNull().defaultTo('trimestre').check(sql`term_wording in ('trimestre', 'semestre')`))
    .addColumn('school_message', 'text', (c) => c.notNull().defaultTo('').check(sql`length(school_message) <= 2000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('campaign_school_level_year_key', ['school_id', 'level', 'school_year'])
    .addUniqueConstraint('campaign_id_school_key', ['id', 'school_id'])
    .execute();

  await db.schema
    .createTable('council_date')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('division_id', 'integer', (c) => c.notNull().references('division.id').onDelete('cascade'))
    .addColumn('provisional_at', 'timestamptz')
    .addColumn('final_at', 'timestamptz')
    .addPrimaryKeyConstraint('council_date_pkey', ['campaign_id', 'division_id'])
    .execute();

  await db.schema
    .createTable('school_specialty')
    .addColumn('school_id', 'integer', (c) => c.notNull().references('school.id').onDelete('cascade'))
    .addColumn('specialty_code', 'text', (c) => c.notNull().check(sql`specialty_code ~ '^[A-Z0-9-]{2,24}$'`))
    .addPrimaryKeyConstraint('school_specialty_pkey', ['school_id', 'specialty_code'])
    .execute();

  // One pupil's file in one campaign. The statuses are the state machine's (src/domain/file.ts),
  // kept here so that dashboards count them in one query; `version` guards concurrent writers.
  await db.schema
    .createTable('pupil_file')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provisional_status', 'text', (c) =>
      c.notNull().defaultTo('empty').check(sql`provisional_status in ('empty', 'validated', 'closed', 'published', 'acknowledged')`),
    )
    .addColumn('final_status', 'text', (c) =>
      c.notNull().defaultTo('empty').check(sql`final_status in ('empty', 'validated', 'closed', 'published', 'answered', 'unanswered')`),
    )
    .addColumn('accord_status', 'text', (c) =>
      c.check(sql`accord_status in ('notNeeded', 'pending', 'agreed', 'disagreed', 'presumed', 'missing')`),
    )
    .addColumn('outcome_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`outcome_status in ('pending', 'decided', 'dialogue', 'interviewed', 'headDecided', 'appealed', 'commissionDecided', 'maintained')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pupil_file_pupil_campaign_key', ['pupil_id', 'campaign_id'])
    .execute();
  await db.schema.createIndex('pupil_file_campaign_idx').on('pupil_file').column('campaign_id').execute();

  // Validated wishes (intentions, choix définitifs). Details are the domain's zod-checked JSON.
  await db.schema
    .createTable('wish')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('pupil_file.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('rank', 'smallint', (c) => c.notNull().check(sql`rank between 1 and 11`))
    .addColumn('track', 'text', (c) => c.notNull().check(sql`track ~ '^(2GT|2PRO|CAP|1G|BTMM|VPRO|1T-[A-Z0-9]+)$'`))
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('wish_pkey', ['file_id', 'phase', 'rank'])
    .addUniqueConstraint('wish_file_phase_track_key', ['file_id', 'phase', 'track'])
    .execute();

  // Who validated a phase (its author: only they may modify it until it closes), and when it closed.
  await db.schema
    .createTable('phase_validation')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('pupil_file.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('author_kind', 'text', (c) => c.check(sql`author_kind in ${MEMBER_KINDS}`))
    .addColumn('author_id', 'integer')
    .addColumn('validated_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addPrimaryKeyConstraint('phase_validation_pkey', ['file_id', 'phase'])
    .addCheckConstraint('phase_validation_author_check', sql`(author_kind is null) = (author_id is null) and (author_kind is null) = (validated_at is null)`)
    .execute();

  // The council's answer on each wish: avis provisoire or proposition.
  await db.schema
    .createTable('council_answer')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('pupil_file.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('rank', 'smallint', (c) => c.notNull().check(sql`rank between 1 and 11`))
    .addColumn('answer', 'text', (c) =>
      c.notNull().check(sql`answer in ('favorable', 'reserved', 'unfavorable', 'yes', 'no')`),
    )
    .addPrimaryKeyConstraint('council_answer_pkey', ['file_id', 'phase', 'rank'])
    .addCheckConstraint(
      'council_answer_fits_phase_check',
      sql`(phase = 'provisional' and answer in ('favorable', 'reserved', 'unfavorable')) or (phase = 'final' and answer in ('yes', 'no', 'favorable', 'unfavorable'))`,
    )
    .execute();

  // The council's voies not asked for (one recommendation, or the proposed voies) and motivations.
  await db.schema
    .createTable('council_summary')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('pupil_file.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('tracks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('motivations', 'text', (c) => c.notNull().defaultTo('').check(sql`length(motivations) <= 4000`))
    .addPrimaryKeyConstraint('council_summary_pkey', ['file_id', 'phase'])
    .execute();

  // Avis or propositions made visible to the families of a division.
  await db.schema
    .createTable('publication')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('division_id', 'integer', (c) => c.notNull().references('division.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by_staff_id', 'integer', (c) => c.references('staff.id'))
    .addPrimaryKeyConstraint('publication_pkey', ['campaign_id', 'division_id', 'phase'])
    .execute();

  await db.schema
    .createTable('acknowledgement')
    .addColumn('file_id', 'integer', (c) => c.primaryKey().references('pupil_file.id').onDelete('cascade'))
    .addColumn('member_kind', 'text', (c) => c.notNull().check(sql`member_kind in ${MEMBER_KINDS}`))
    .addColumn('member_id', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('family_response')
    .addColumn('file_id', 'integer', (c) => c.primaryKey().references('pupil_file.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('accepted', 'refused')`))
    .addColumn('tracks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('member_kind', 'text', (c) => c.check(sql`member_kind in ${MEMBER_KINDS}`))
    .addColumn('member_id', 'integer')
    .addColumn('responded_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accord')
    .addColumn('file_id', 'integer', (c) => c.primaryKey().references('pupil_file.id').onDelete('cascade'))
    .addColumn('member_kind', 'text', (c) => c.check(sql`member_kind in ${MEMBER_KINDS}`))
    .addColumn('member_id', 'integer')
    .addColumn('given_at', 'timestamptz')
    .execute();

  // Decision and dialogue records: at most one of each kind per file.
  await db.schema
    .createTable('outcome_record')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('pupil_file.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('decision', 'dialogue', 'interview', 'head_decision', 'appeal', 'commission_decision', 'maintien')`),
    )
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('tracks', 'jsonb')
    .addColumn('text', 'text', (c) => c.check(sql`length(text) <= 4000`))
    .addColumn('cause', 'text', (c) => c.check(sql`cause in ('refusal', 'disagreement', 'noAnswer', 'noAccord')`))
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('lodged_at', 'timestamptz')
    .addPrimaryKeyConstraint('outcome_record_pkey', ['file_id', 'kind'])
    .execute();

  // Append-only history of every change to a pupil's file: the proof in a dispute.
  await db.schema
    .createTable('history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id'))
    .addColumn('file_id', 'integer', (c) => c.references('pupil_file.id'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) =>
      c.notNull().check(sql`actor_kind in ('representative', 'pupil', 'staff', 'service', 'academy_admin')`),
    )
    .addColumn('actor_account_id', 'integer', (c) => c.references('user_account.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('on_behalf_of', 'text')
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action ~ '^[a-zA-Z]+$'`))
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema.createIndex('history_pupil_idx').on('history').columns(['pupil_id', 'occurred_at']).execute();

  await sql`
    create function history_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'L''historique ne peut être ni modifié ni effacé.' using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger history_append_only before update or delete on history
    for each row execute function history_is_append_only()`.execute(db);
  await sql`
    create trigger history_no_truncate before truncate on history
    for each statement execute function history_is_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists history_no_truncate on history`.execute(db);
  await sql`drop trigger if exists history_append_only on history`.execute(db);
  await sql`drop function if exists history_is_append_only()`.execute(db);
  for (const table of [
    'history',
    'outcome_record',
    'accord',
    'family_response',
    'acknowledgement',
    'publication',
    'council_summary',
    'council_answer',
    'phase_validation',
    'wish',
    'pupil_file',
    'school_specialty',
    'council_date',
    'campaign',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
