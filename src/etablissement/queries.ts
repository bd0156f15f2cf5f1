import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function schoolOverview(db: Kysely<Database>, schoolId: number) {
  const school = await db.selectFrom('school').select(['id', 'name', 'uai', 'kind']).where('id', '=', schoolId).executeTakeFirst();
  if (!school) return undefined;
  const divisions = await db
    .selectFrom('division as d')
    .leftJoin('pupil as p', 'p.division_id', 'd.id')
    .select(['d.id', 'd.name', 'd.level', 'd.school_year', sql<number>`count(p.id)::int`.as('pupilCount')])
    .where('d.school_id', '=', schoolId)
    .groupBy(['d.id', 'd.name', 'd.level', 'd.school_year'])
    .orderBy('d.name')
    .execute();
  return { school, divisions };
}

export type GridRow = {
  pupilId: number;
  firstName: string;
  lastName: string;
  wishes: Array<{ rank: number; track: string; details: Record<string, unknown> }>;
  answers: Array<{ rank: number; answer: string }>;
  councilTracks: string[];
  motivations: string;
  status: string | null;
};

/** A division's council grid for one phase: every pupil with their wishes and the council's answers, in one query. */
export async function divisionGrid(db: Kysely<Database>, input: { campaignId: number; divisionId: number; phase: 'provisional' | 'final' }): Promise<GridRow[]> {
  const result = await sql<{
    pupil_id: number;
    first_name: string;
    last_name: string;
    wishes: GridRow['wishes'] | null;
    answers: GridRow['answers'] | null;
    council_tracks: string[] | null;
    motivations: string | null;
    status: string | null;
  }>`
    select p.id as pupil_id, p.first_name, p.last_name,
      (select jsonb_agg(jsonb_build_object('rank', w.rank, 'track', w.track, 'details', w.details) order by w.rank)
         from wish w where w.file_id = f.id and w.phase = ${input.phase}) as wishes,
      (select jsonb_agg(jsonb_build_object('rank', a.rank, 'answer', a.answer) order by a.rank)
         from council_answer a where a.file_id = f.id and a.phase = ${input.phase}) as answers,
      cs.tracks as council_tracks, cs.motivations,
      case when ${input.phase} = 'provisional' then f.provisional_status else f.final_status end as status
    from pupil p
    left join pupil_file f on f.pupil_id = p.id and f.campaign_id = ${input.campaignId}
    left join council_summary cs on cs.file_id = f.id and cs.phase = ${input.phase}
    where p.division_id = ${input.divisionId}
    order by p.last_name, p.first_name, p.id`.execute(db);
  return result.rows.map((row) => ({
    pupilId: row.pupil_id,
    firstName: row.first_name,
    lastName: row.last_name,
    wishes: row.wishes ?? [],
    answers: row.answers ?? [],
    councilTracks: row.council_tracks ?? [],
    motivations: row.motivations ?? '',
    status: row.status,
  }));
}

export type DashboardCounts = {
  divisionId: number;
  divisionName: string;
  pupils: number;
  intentionsValidated: number;
  acknowledged: number;
  choicesValidated: number;
  answered: number;
  accordsPending: number;
  decided: number;
  inDialogue: number;
  representativesWithoutAccount: number;
  representativesWithoutEmail: number;
};

/** Per division of a campaign's school, how far the families are: one query. */
export async function dashboardCounts(db: Kysely<Database>, campaignId: number): Promise<DashboardCounts[]> {
  const result = await sql<DashboardCounts>`
    select d.id as "divisionId", d.name as "divisionName",
      count(distinct p.id)::int as pupils,
      count(distinct p.id) filter (where pv.validated_at is not null)::int as "intentionsValidated",
      count(distinct p.id) filter (where f.provisional_status = 'acknowledged')::int as acknowledged,
      count(distinct p.id) filter (where fv.validated_at is not null)::int as "choicesValidated",
      count(distinct p.id) filter (where f.final_status = 'answered')::int as answered,
      count(distinct p.id) filter (where f.accord_status = 'pending')::int as "accordsPending",
      count(distinct p.id) filter (where f.outcome_status = 'decided')::int as decided,
      count(distinct p.id) filter (where f.outcome_status in ('dialogue', 'interviewed', 'headDecided', 'appealed', 'commissionDecided', 'maintained'))::int as "inDialogue",
      count(distinct r.id) filter (where ua.id is null)::int as "representativesWithoutAccount",
      count(distinct r.id) filter (where r.email is null)::int as "representativesWithoutEmail"
    from campaign c
    join division d on d.school_id = c.school_id and d.level = c.level and d.school_year = c.school_year
    left join pupil p on p.division_id = d.id
    left join pupil_file f on f.pupil_id = p.id and f.campaign_id = c.id
    left join phase_validation pv on pv.file_id = f.id and pv.phase = 'provisional'
    left join phase_validation fv on fv.file_id = f.id and fv.phase = 'final'
    left join pupil_representative pr on pr.pupil_id = p.id
    left join representative r on r.id = pr.representative_id
    left join user_account ua on ua.representative_id = r.id
    where c.id = ${campaignId}
    group by d.id, d.name
    order by d.name`.execute(db);
  return result.rows;
}

export type FollowUpRow = {
  pupilId: number;
  lastName: string;
  firstName: string;
  intentionsValidatedAt: Date | null;
  acknowledgedAt: Date | null;
  choicesValidatedAt: Date | null;
  finalStatus: string | null;
  accordStatus: string | null;
  outcomeStatus: string | null;
  representatives: Array<{ name: string; hasAccount: boolean; hasEmail: boolean }>;
};

/** Every pupil of a division with how far their family is: one query. */
export async function divisionFollowUp(db: Kysely<Database>, input: { campaignId: number; divisionId: number }): Promise<FollowUpRow[]> {
  const result = await sql<{
    pupil_id: number;
    last_name: string;
    first_name: string;
    intentions_validated_at: Date | null;
    acknowledged_at: Date | null;
    choices_validated_at: Date | null;
    final_status: string | null;
    accord_status: string | null;
    outcome_status: string | null;
    representatives: FollowUpRow['representatives'] | null;
  }>`
    select p.id as pupil_id, p.last_name, p.first_name,
      pv.validated_at as intentions_validated_at, ak.acknowledged_at, fv.validated_at as choices_validated_at,
      f.final_status, f.accord_status, f.outcome_status,
      (select jsonb_agg(jsonb_build_object('name', r.first_name || ' ' || r.last_name,
          'hasAccount', exists (select 1 from user_account ua where ua.representative_id = r.id),
          'hasEmail', r.email is not null) order by pr.position)
        from pupil_representative pr join representative r on r.id = pr.representative_id where pr.pupil_id = p.id) as representatives
    from pupil p
    left join pupil_file f on f.pupil_id = p.id and f.campaign_id = ${input.campaignId}
    left join phase_validation pv on pv.file_id = f.id and pv.phase = 'provisional'
    left join phase_validation fv on fv.file_id = f.id and fv.phase = 'final'
    left join acknowledgement ak on ak.file_id = f.id
    where p.division_id = ${input.divisionId}
    order by p.last_name, p.first_name, p.id`.execute(db);
  return result.rows.map((row) => ({
    pupilId: row.pupil_id,
    lastName: row.last_name,
    firstName: row.first_name,
    intentionsValidatedAt: row.intentions_validated_at,
    acknowledgedAt: row.acknowledged_at,
    choicesValidatedAt: row.choices_validated_at,
    finalStatus: row.final_status,
    accordStatus: row.accord_status,
    outcomeStatus: row.outcome_status,
    representatives: row.representatives ?? [],
  }));
}
