import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import type { HistoryActor } from '../history/history.js';
import { mailsFor } from '../mail/effects.js';
import { closeWindowForCampaign, type ClosableWindow } from '../pupil-file/closing.js';

// The closing job: once a family window (intentions, choix définitifs, réponse) is over, applies
// what the calendar says to every file of the campaign — the same per-window logic as the school's
// « Fermer maintenant » — and drops the drafts nobody validated. Idempotent: run it as often as
// you like (files already past that point, and drafts already gone, are left alone).

export const SERVICE_ACTOR: Actor = { kind: 'service' };
export const SERVICE_HISTORY: HistoryActor = { kind: 'service', accountId: null, name: 'Le service', role: 'procédure automatique' };

const WINDOWS: readonly { window: ClosableWindow; column: 'intentions_closes_at' | 'choices_closes_at' | 'response_closes_at'; draftPhase: 'provisional' | 'final' | null }[] = [
  { window: 'intentions', column: 'intentions_closes_at', draftPhase: 'provisional' },
  { window: 'choices', column: 'choices_closes_at', draftPhase: 'final' },
  { window: 'response', column: 'response_closes_at', draftPhase: null },
];

export type ClosingReport = {
  campaignId: number;
  window: ClosableWindow;
  closed: number;
  draftsDropped: number;
  refused: Array<{ pupilId: number; reason: string }>;
};

/** Closes every window that is over at `at`, campaign by campaign, in calendar order. */
export async function closeEndedWindows(db: Kysely<Database>, input: { at: Date; origin: string }): Promise<ClosingReport[]> {
  const campaigns = await db
    .selectFrom('campaign')
    .select(['id', 'school_id', 'level', 'school_year', 'intentions_closes_at', 'choices_closes_at', 'response_closes_at'])
    .orderBy('id')
    .execute();
  const reports: ClosingReport[] = [];
  for (const campaign of campaigns) {
    for (const { window, column, draftPhase } of WINDOWS) {
      const closesAt = campaign[column];
      if (!closesAt || closesAt.getTime() > input.at.getTime()) continue;
      const result = await closeWindowForCampaign(db, {
        campaignId: campaign.id,
        window,
        at: input.at,
        actor: SERVICE_ACTOR,
        history: SERVICE_HISTORY,
        alongside: (name) => mailsFor(name, input.origin, input.at),
      });
      let draftsDropped = 0;
      if (draftPhase) {
        const deleted = await db
          .deleteFrom('wish_draft')
          .where('phase', '=', draftPhase)
          .where('pupil_id', 'in', (qb) =>
            qb
              .selectFrom('pupil as p')
              .innerJoin('division as d', 'd.id', 'p.division_id')
              .select('p.id')
              .where('d.school_id', '=', campaign.school_id)
              .where('d.level', '=', campaign.level)
              .where('d.school_year', '=', campaign.school_year),
          )
          .executeTakeFirst();
        draftsDropped = Number(deleted.numDeletedRows);
      }
      if (result.closed > 0 || draftsDropped > 0 || result.refused.length > 0) {
        reports.push({ campaignId: campaign.id, window, closed: result.closed, draftsDropped, refused: result.refused });
      }
    }
  }
  return reports;
}
