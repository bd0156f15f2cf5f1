import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { awaitsResponseClosing, closeChoices, closeIntentions, closeResponseWindow, type PupilFile, type TransitionName, type TransitionResult } from '../domain/file.js';
import type { HistoryActor } from '../history/history.js';
import { applyTransition, type TransitionInput } from './apply.js';
import { loadPupilFile } from './load.js';

export type ClosableWindow = 'intentions' | 'choices' | 'response';

const CLOSINGS: Record<ClosableWindow, { name: 'closeIntentions' | 'closeChoices' | 'closeResponseWindow'; transition: (file: PupilFile, actor: Actor, at: Date) => TransitionResult; concerns: (file: PupilFile) => boolean }> = {
  intentions: { name: 'closeIntentions', transition: closeIntentions, concerns: (file) => file.provisional.status === 'empty' || file.provisional.status === 'validated' },
  choices: { name: 'closeChoices', transition: closeChoices, concerns: (file) => file.final.status === 'empty' || file.final.status === 'validated' },
  response: { name: 'closeResponseWindow', transition: closeResponseWindow, concerns: awaitsResponseClosing },
};

/**
 * Applies what the calendar says when a window is over, to every pupil of the campaign:
 * entries close, unanswered proposals go « en dialogue », awaited accords are presumed.
 * Idempotent: files already past that point are left alone (run it twice, nothing more happens).
 */
export async function closeWindowForCampaign(
  db: Kysely<Database>,
  input: {
    campaignId: number;
    window: ClosableWindow;
    at: Date;
    actor: Actor;
    history: HistoryActor;
    /** E-mails the closing causes (a decision, « en dialogue »), enqueued with each file's change. */
    alongside?: (name: TransitionName) => TransitionInput['alongside'];
  },
): Promise<{ closed: number; refused: Array<{ pupilId: number; reason: string }> }> {
  // Only the files the closing still concerns (the same sets as CLOSINGS' `concerns`), so that a
  // job running every minute costs one query per closed window once its files are settled.
  const concerned = {
    intentions: sql<boolean>`(f.id is null or f.provisional_status in ('empty', 'validated'))`,
    choices: sql<boolean>`(f.id is null or f.final_status in ('empty', 'validated'))`,
    response: sql<boolean>`(f.final_status = 'published' or (f.final_status = 'answered' and f.accord_status = 'pending'))`,
  }[input.window];
  const pupils = await db
    .selectFrom('campaign as c')
    .innerJoin('division as d', (join) =>
      join.onRef('d.school_id', '=', 'c.school_id').onRef('d.level', '=', 'c.level').onRef('d.school_year', '=', 'c.school_year'),
    )
    .innerJoin('pupil as p', 'p.division_id', 'd.id')
    .leftJoin('pupil_file as f', (join) => join.onRef('f.pupil_id', '=', 'p.id').onRef('f.campaign_id', '=', 'c.id'))
    .select('p.id')
    .where('c.id', '=', input.campaignId)
    .where(concerned)
    .orderBy('p.id')
    .execute();
  const closing = CLOSINGS[input.window];
  let closed = 0;
  const refused: Array<{ pupilId: number; reason: string }> = [];
  for (const { id } of pupils) {
    const stored = await loadPupilFile(db, id);
    if (!stored || !closing.concerns(stored.file)) continue;
    const result = await applyTransition(db, {
      pupilId: id,
      stored,
      name: closing.name,
      actor: input.history,
      at: input.at,
      transition: (file) => closing.transition(file, input.actor, input.at),
      alongside: input.alongside?.(closing.name),
    });
    if (result.ok) closed++;
    else refused.push({ pupilId: id, reason: result.reason });
  }
  return { closed, refused };
}
