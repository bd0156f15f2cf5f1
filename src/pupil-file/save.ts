import type { Kysely, Transaction } from 'kysely';
import type { Database, Phase } from '../db/schema.js';
import type { FamilyMember } from '../domain/actor.js';
import type { PupilFile } from '../domain/file.js';
import type { Wish } from '../domain/wishes.js';
import { recordHistory, type HistoryEntry } from '../history/history.js';
import type { StoredFile } from './load.js';

export const CONCURRENT_CHANGE_MESSAGE = 'Les choix ont été modifiés entre-temps par l’autre représentant légal. Vérifiez-les avant de recommencer.';

/** Another writer changed the file since it was read: nothing of this write was kept. */
export class ConcurrentChangeError extends Error {
  constructor() {
    super(CONCURRENT_CHANGE_MESSAGE);
    this.name = 'ConcurrentChangeError';
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const json = (value: unknown) => JSON.stringify(value);

type OutcomeRecord = {
  kind: Database['outcome_record']['kind'];
  occurred_at: Date;
  tracks?: string;
  text?: string | null;
  cause?: string;
  deadline_at?: Date;
  lodged_at?: Date;
};
const memberColumns = (m: FamilyMember | null) => ({ kind: m?.kind ?? null, id: m?.id ?? null });

/**
 * Writes what a transition changed in a file, its history entry, and bumps the file's version,
 * in the caller's transaction. The version guard makes two concurrent writers on one file
 * (the two representatives validating at the same moment) give one winner: the other gets a
 * ConcurrentChangeError and its transaction rolls back whole.
 */
export async function saveFile(trx: Transaction<Database>, stored: StoredFile, next: PupilFile, entry: Omit<HistoryEntry, 'pupilId' | 'fileId'>): Promise<number> {
  const before = stored.file;
  const statuses = {
    provisional_status: next.provisional.status,
    final_status: next.final.status,
    accord_status: next.final.accord,
    outcome_status: next.outcome.status,
  };
  let fileId = stored.fileId;
  if (fileId === null) {
    const created = await trx
      .insertInto('pupil_file')
      .values({ pupil_id: next.pupilId, campaign_id: stored.campaignId, version: 1, ...statuses })
      .onConflict((conflict) => conflict.columns(['pupil_id', 'campaign_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) throw new ConcurrentChangeError();
    fileId = created.id;
  } else {
    const updated = await trx
      .updateTable('pupil_file')
      .set({ ...statuses, version: stored.version + 1, updated_at: entry.at })
      .where('id', '=', fileId)
      .where('version', '=', stored.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ConcurrentChangeError();
  }

  for (const phase of ['provisional', 'final'] as const) {
    const was = before[phase];
    const is = next[phase];
    if (!same(was.wishes, is.wishes)) await replaceWishes(trx, fileId, phase, is.wishes);
    if (!same([was.author, was.validatedAt, was.closedAt], [is.author, is.validatedAt, is.closedAt])) {
      const author = memberColumns(is.author);
      const values = { author_kind: author.kind, author_id: author.id, validated_at: is.validatedAt, closed_at: is.closedAt };
      await trx
        .insertInto('phase_validation')
        .values({ file_id: fileId, phase, ...values })
        .onConflict((conflict) => conflict.columns(['file_id', 'phase']).doUpdateSet(values))
        .execute();
    }
  }

  const opinions = next.provisional.opinions;
  if (!same(before.provisional.opinions, opinions) && opinions) {
    await replaceCouncil(trx, fileId, 'provisional', opinions.byRank.map((r) => ({ rank: r.rank, answer: r.opinion })), opinions.recommendation ? [opinions.recommendation] : [], opinions.motivations);
  }
  const proposals = next.final.proposals;
  if (!same(before.final.proposals, proposals) && proposals) {
    await replaceCouncil(trx, fileId, 'final', proposals.byRank.map((r) => ({ rank: r.rank, answer: r.answer })), [...proposals.proposedTracks], proposals.motivations);
  }

  if (!before.provisional.acknowledgedAt && next.provisional.acknowledgedAt && next.provisional.acknowledgedBy) {
    await trx
      .insertInto('acknowledgement')
      .values({ file_id: fileId, member_kind: next.provisional.acknowledgedBy.kind, member_id: next.provisional.acknowledgedBy.id, acknowledged_at: next.provisional.acknowledgedAt })
      .execute();
  }
  if (!before.final.response && next.final.response && next.final.respondedAt) {
    const by = memberColumns(next.final.respondedBy);
    await trx
      .insertInto('family_response')
      .values({
        file_id: fileId,
        kind: next.final.response.kind,
        tracks: json(next.final.response.kind === 'accepted' ? next.final.response.tracks : []),
        member_kind: by.kind,
        member_id: by.id,
        responded_at: next.final.respondedAt,
      })
      .execute();
  }
  if (!same([before.final.accordBy, before.final.accordAt], [next.final.accordBy, next.final.accordAt])) {
    const by = memberColumns(next.final.accordBy);
    const values = { member_kind: by.kind, member_id: by.id, given_at: next.final.accordAt };
    await trx
      .insertInto('accord')
      .values({ file_id: fileId, ...values })
      .onConflict((conflict) => conflict.column('file_id').doUpdateSet(values))
      .execute();
  }

  // Outcome records are only ever added: a decision or a dialogue step, once recorded, stays.
  const was = before.outcome;
  const is = next.outcome;
  const added: OutcomeRecord[] = [];
  if (!was.decision && is.decision) added.push({ kind: 'decision', occurred_at: is.decision.at, tracks: json(is.decision.tracks) });
  if (!was.dialogue && is.dialogue) added.push({ kind: 'dialogue', occurred_at: is.dialogue.at, cause: is.dialogue.cause });
  if (!was.interview && is.interview) added.push({ kind: 'interview', occurred_at: is.interview.at, text: is.interview.notes });
  if (!was.headDecision && is.headDecision) {
    const head = is.headDecision;
    added.push({ kind: 'head_decision', occurred_at: head.at, tracks: json(head.tracks), text: head.motivations, deadline_at: head.appealDeadline });
  }
  if (!was.appeal && is.appeal) added.push({ kind: 'appeal', occurred_at: is.appeal.recordedAt, lodged_at: is.appeal.lodgedAt });
  if (!was.commissionDecision && is.commissionDecision) {
    added.push({ kind: 'commission_decision', occurred_at: is.commissionDecision.at, tracks: json(is.commissionDecision.tracks) });
  }
  if (!was.maintainedAt && is.maintainedAt) added.push({ kind: 'maintien', occurred_at: is.maintainedAt });
  if (added.length > 0) await trx.insertInto('outcome_record').values(added.map((record) => ({ file_id: fileId, ...record }))).execute();

  await recordHistory(trx, { ...entry, pupilId: next.pupilId, fileId });
  return fileId;
}

async function replaceWishes(trx: Kysely<Database>, fileId: number, phase: Phase, wishes: readonly Wish[]) {
  await trx.deleteFrom('wish').where('file_id', '=', fileId).where('phase', '=', phase).execute();
  if (wishes.length === 0) return;
  await trx
    .insertInto('wish')
    .values(
      wishes.map(({ rank, track, ...details }) => ({ file_id: fileId, phase, rank, track, details: json(details) })),
    )
    .execute();
}

async function replaceCouncil(trx: Kysely<Database>, fileId: number, phase: Phase, answers: Array<{ rank: number; answer: string }>, tracks: string[], motivations: string) {
  await trx.deleteFrom('council_answer').where('file_id', '=', fileId).where('phase', '=', phase).execute();
  if (answers.length > 0) {
    await trx.insertInto('council_answer').values(answers.map((a) => ({ file_id: fileId, phase, ...a }))).execute();
  }
  const values = { tracks: json(tracks), motivations };
  await trx
    .insertInto('council_summary')
    .values({ file_id: fileId, phase, ...values })
    .onConflict((conflict) => conflict.columns(['file_id', 'phase']).doUpdateSet(values))
    .execute();
}
