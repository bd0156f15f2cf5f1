import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CampaignWindows } from '../domain/calendar.js';
import type { Level, TrackCode } from '../domain/catalogue.js';
import type { FamilyMember } from '../domain/actor.js';
import {
  createFile,
  type AccordStatus,
  type CouncilOpinions,
  type CouncilProposals,
  type FinalStatus,
  type Opinion,
  type OutcomeStatus,
  type ProposalAnswer,
  type ProvisionalStatus,
  type PupilFile,
} from '../domain/file.js';
import type { Wish } from '../domain/wishes.js';

/** A pupil's file as stored: the domain's file, plus what a write needs (its row and version) and what a page shows. */
export type StoredFile = {
  file: PupilFile;
  /** Null while nothing has been written for this pupil in this campaign. */
  fileId: number | null;
  version: number;
  campaignId: number;
  pupil: { id: number; firstName: string; lastName: string; divisionId: number; divisionName: string; schoolName: string; level: Level };
  representatives: Array<{ id: number; position: number; firstName: string; lastName: string; hasAccount: boolean; email: string | null }>;
  schoolMessage: string;
  offer: ReadonlySet<string>;
};

type Row = Record<string, unknown>;
const asDate = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));
const asList = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const member = (kind: unknown, id: unknown): FamilyMember | null =>
  kind === 'representative' || kind === 'pupil' ? { kind, id: Number(id) } : null;

/**
 * Everything about one pupil's file for their campaign, in ONE round trip (the related rows
 * come back as JSON arrays). Undefined when the pupil does not exist or has no campaign yet.
 */
export async function loadPupilFile(db: Kysely<Database>, pupilId: number): Promise<StoredFile | undefined> {
  const result = await sql<Row>`
    select p.id as pupil_id, p.school_id, p.is_adult, p.first_name, p.last_name,
      d.id as division_id, d.name as division_name, d.level, s.name as school_name, a.time_zone,
      c.id as campaign_id, c.intentions_opens_at, c.intentions_closes_at, c.acknowledgement_opens_at, c.acknowledgement_closes_at,
      c.choices_opens_at, c.choices_closes_at, c.response_opens_at, c.response_closes_at,
      c.second_representative, c.pupil_access, c.term_wording, c.school_message,
      f.id as file_id, f.version, f.provisional_status, f.final_status, f.accord_status, f.outcome_status,
      (select coalesce(jsonb_agg(jsonb_build_object(
          'id', r.id, 'position', pr.position, 'firstName', r.first_name, 'lastName', r.last_name, 'email', r.email,
          'hasAccount', exists (select 1 from user_account ua where ua.representative_id = r.id)) order by pr.position), '[]'::jsonb)
        from pupil_representative pr join representative r on r.id = pr.representative_id where pr.pupil_id = p.id) as representatives,
      (select coalesce(jsonb_agg(ss.specialty_code), '[]'::jsonb) from school_specialty ss where ss.school_id = p.school_id) as offer,
      (select jsonb_agg(to_jsonb(w) order by w.phase, w.rank) from wish w where w.file_id = f.id) as wishes,
      (select jsonb_agg(to_jsonb(v)) from phase_validation v where v.file_id = f.id) as validations,
      (select jsonb_agg(to_jsonb(ca) order by ca.rank) from council_answer ca where ca.file_id = f.id) as answers,
      (select jsonb_agg(to_jsonb(cs)) from council_summary cs where cs.file_id = f.id) as summaries,
      (select jsonb_agg(to_jsonb(pu)) from publication pu where pu.campaign_id = c.id and pu.division_id = d.id) as publications,
      (select to_jsonb(ak) from acknowledgement ak where ak.file_id = f.id) as acknowledgement,
      (select to_jsonb(fr) from family_response fr where fr.file_id = f.id) as response,
      (select to_jsonb(ac) from accord ac where ac.file_id = f.id) as accord,
      (select jsonb_agg(to_jsonb(o)) from outcome_record o where o.file_id = f.id) as outcomes
    from pupil p
    join division d on d.id = p.division_id
    join school s on s.id = p.school_id
    join academy a on a.id = s.academy_id
    join campaign c on c.school_id = p.school_id and c.level = d.level and c.school_year = d.school_year
    left join pupil_file f on f.pupil_id = p.id and f.campaign_id = c.id
    where p.id = ${pupilId}`.execute(db);
  const row = result.rows[0];
  return row ? toStoredFile(row) : undefined;
}

function toStoredFile(row: Row): StoredFile {
  const windows: CampaignWindows = {
    intentions: { opensAt: asDate(row.intentions_opens_at), closesAt: asDate(row.intentions_closes_at) },
    acknowledgement: { opensAt: asDate(row.acknowledgement_opens_at), closesAt: asDate(row.acknowledgement_closes_at) },
    choices: { opensAt: asDate(row.choices_opens_at), closesAt: asDate(row.choices_closes_at) },
    response: { opensAt: asDate(row.response_opens_at), closesAt: asDate(row.response_closes_at) },
  };
  const representatives = asList<StoredFile['representatives'][number]>(row.representatives);
  const empty = createFile({
    pupilId: Number(row.pupil_id),
    schoolId: Number(row.school_id),
    pupilIsAdult: Boolean(row.is_adult),
    representatives: representatives.map((r) => ({ id: r.id, hasAccount: r.hasAccount })),
    campaign: {
      level: row.level as Level,
      windows,
      timeZone: String(row.time_zone),
      settings: {
        secondRepresentative: row.second_representative as 'presumed' | 'required' | 'none',
        pupilAccess: Boolean(row.pupil_access),
        termWording: row.term_wording as 'trimestre' | 'semestre',
      },
    },
  });

  const wishes = asList<{ phase: string; rank: number; track: string; details: Record<string, unknown> }>(row.wishes);
  const wishesOf = (phase: string): Wish[] =>
    wishes.filter((w) => w.phase === phase).map((w) => ({ ...(w.details as object), track: w.track, rank: w.rank }) as unknown as Wish);
  const validation = (phase: string) => asList<Row>(row.validations).find((v) => v.phase === phase);
  const answers = (phase: string) => asList<{ phase: string; rank: number; answer: string }>(row.answers).filter((a) => a.phase === phase);
  const summary = (phase: string) => asList<{ phase: string; tracks: TrackCode[]; motivations: string }>(row.summaries).find((s) => s.phase === phase);
  const publishedAt = (phase: string) => asDate(asList<Row>(row.publications).find((p) => p.phase === phase)?.published_at);
  const outcome = (kind: string) => asList<Row>(row.outcomes).find((o) => o.kind === kind);

  const provisionalSummary = summary('provisional');
  const provisionalAnswers = answers('provisional');
  const opinions: CouncilOpinions | null =
    provisionalSummary || provisionalAnswers.length > 0
      ? {
          byRank: provisionalAnswers.map((a) => ({ rank: a.rank, opinion: a.answer as Opinion })),
          recommendation: provisionalSummary?.tracks[0] ?? null,
          motivations: provisionalSummary?.motivations ?? '',
        }
      : null;
  const finalSummary = summary('final');
  const finalAnswers = answers('final');
  const proposals: CouncilProposals | null =
    finalSummary || finalAnswers.length > 0
      ? {
          byRank: finalAnswers.map((a) => ({ rank: a.rank, answer: a.answer as ProposalAnswer })),
          proposedTracks: finalSummary?.tracks ?? [],
          motivations: finalSummary?.motivations ?? '',
        }
      : null;

  const provisionalValidation = validation('provisional');
  const finalValidation = validation('final');
  const acknowledgement = row.acknowledgement as Row | null;
  const response = row.response as Row | null;
  const accord = row.accord as Row | null;
  const decision = outcome('decision');
  const dialogue = outcome('dialogue');
  const interview = outcome('interview');
  const headDecision = outcome('head_decision');
  const appeal = outcome('appeal');
  const commission = outcome('commission_decision');
  const maintien = outcome('maintien');

  const file: PupilFile = {
    ...empty,
    provisional: {
      status: (row.provisional_status as ProvisionalStatus | null) ?? 'empty',
      wishes: wishesOf('provisional'),
      author: member(provisionalValidation?.author_kind, provisionalValidation?.author_id),
      validatedAt: asDate(provisionalValidation?.validated_at),
      closedAt: asDate(provisionalValidation?.closed_at),
      opinions,
      publishedAt: publishedAt('provisional'),
      acknowledgedBy: member(acknowledgement?.member_kind, acknowledgement?.member_id),
      acknowledgedAt: asDate(acknowledgement?.acknowledged_at),
    },
    final: {
      status: (row.final_status as FinalStatus | null) ?? 'empty',
      wishes: wishesOf('final'),
      author: member(finalValidation?.author_kind, finalValidation?.author_id),
      validatedAt: asDate(finalValidation?.validated_at),
      closedAt: asDate(finalValidation?.closed_at),
      proposals,
      publishedAt: publishedAt('final'),
      response: response
        ? response.kind === 'accepted'
          ? { kind: 'accepted', tracks: asList<TrackCode>(response.tracks) }
          : { kind: 'refused' }
        : null,
      respondedBy: member(response?.member_kind, response?.member_id),
      respondedAt: asDate(response?.responded_at),
      accord: (row.accord_status as AccordStatus | null) ?? null,
      accordBy: member(accord?.member_kind, accord?.member_id),
      accordAt: asDate(accord?.given_at),
    },
    outcome: {
      status: (row.outcome_status as OutcomeStatus | null) ?? 'pending',
      decision: decision ? { tracks: asList<TrackCode>(decision.tracks), at: asDate(decision.occurred_at)! } : null,
      dialogue: dialogue ? { cause: dialogue.cause as 'refusal', at: asDate(dialogue.occurred_at)! } : null,
      interview: interview ? { at: asDate(interview.occurred_at)!, notes: String(interview.text ?? '') } : null,
      headDecision: headDecision
        ? {
            tracks: asList<TrackCode>(headDecision.tracks),
            motivations: (headDecision.text as string | null) ?? null,
            at: asDate(headDecision.occurred_at)!,
            appealDeadline: asDate(headDecision.deadline_at)!,
          }
        : null,
      appeal: appeal ? { lodgedAt: asDate(appeal.lodged_at)!, recordedAt: asDate(appeal.occurred_at)! } : null,
      commissionDecision: commission ? { tracks: asList<TrackCode>(commission.tracks), at: asDate(commission.occurred_at)! } : null,
      maintainedAt: maintien ? asDate(maintien.occurred_at) : null,
    },
  };

  return {
    file,
    fileId: row.file_id === null ? null : Number(row.file_id),
    version: row.version === null ? 0 : Number(row.version),
    campaignId: Number(row.campaign_id),
    pupil: {
      id: Number(row.pupil_id),
      firstName: String(row.first_name),
      lastName: String(row.last_name),
      divisionId: Number(row.division_id),
      divisionName: String(row.division_name),
      schoolName: String(row.school_name),
      level: row.level as Level,
    },
    representatives,
    schoolMessage: String(row.school_message ?? ''),
    offer: new Set(asList<string>(row.offer)),
  };
}
