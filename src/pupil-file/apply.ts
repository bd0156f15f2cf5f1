import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PupilFile, TransitionName, TransitionResult } from '../domain/file.js';
import type { HistoryActor } from '../history/history.js';
import { loadPupilFile, type StoredFile } from './load.js';
import { ConcurrentChangeError, saveFile } from './save.js';

export type ApplyResult = { ok: true; file: PupilFile; fileId: number } | { ok: false; reason: string; concurrent?: boolean };

export type TransitionInput = {
  pupilId: number;
  name: TransitionName;
  transition: (file: PupilFile) => TransitionResult;
  actor: HistoryActor;
  at: Date;
  /** Already loaded by the caller (one read per request). */
  stored?: StoredFile;
  /** More writes that belong to the same change (e-mails to enqueue…), in the same transaction. */
  alongside?: (trx: Transaction<Database>, change: { before: StoredFile; file: PupilFile; fileId: number }) => Promise<void>;
};

export const NO_CAMPAIGN_MESSAGE = 'Aucune campagne d’orientation n’est ouverte pour cet élève.';

/** The parts of the file a transition changed, before and after: what the history keeps as proof. */
function changedParts(before: PupilFile, after: PupilFile) {
  const parts = ['provisional', 'final', 'outcome'] as const;
  const changed = parts.filter((part) => JSON.stringify(before[part]) !== JSON.stringify(after[part]));
  return {
    before: Object.fromEntries(changed.map((part) => [part, before[part]])),
    after: Object.fromEntries(changed.map((part) => [part, after[part]])),
  };
}

function historyAction(name: TransitionName, before: PupilFile): string {
  if (name === 'validateIntentions' && before.provisional.validatedAt) return 'modifyIntentions';
  if (name === 'validateChoices' && before.final.validatedAt) return 'modifyChoices';
  return name;
}

/**
 * One transition inside the caller's transaction: several files can change together (a
 * division's publication). Throws ConcurrentChangeError when a file changed since it was read.
 */
export async function applyTransitionIn(trx: Transaction<Database>, input: TransitionInput): Promise<ApplyResult> {
  const stored = input.stored ?? (await loadPupilFile(trx, input.pupilId));
  if (!stored) return { ok: false, reason: NO_CAMPAIGN_MESSAGE };
  const result = input.transition(stored.file);
  if (!result.ok) return result;
  const fileId = await saveFile(trx, stored, result.file, {
    at: input.at,
    actor: input.actor,
    action: historyAction(input.name, stored.file),
    ...changedParts(stored.file, result.file),
  });
  await input.alongside?.(trx, { before: stored, file: result.file, fileId });
  return { ok: true, file: result.file, fileId };
}

/**
 * Runs one transition of the procedure on a pupil's file and stores its result with its
 * history entry, in one transaction. A refusal (the rules, or a concurrent change) writes nothing.
 */
export async function applyTransition(db: Kysely<Database>, input: TransitionInput): Promise<ApplyResult> {
  const stored = input.stored ?? (await loadPupilFile(db, input.pupilId));
  if (!stored) return { ok: false, reason: NO_CAMPAIGN_MESSAGE };
  // Rules first, outside any transaction: a refusal costs no write.
  const check = input.transition(stored.file);
  if (!check.ok) return check;
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await applyTransitionIn(trx, { ...input, stored });
      if (!result.ok) throw new Error(result.reason);
      return result;
    });
  } catch (error) {
    if (error instanceof ConcurrentChangeError) return { ok: false, reason: error.message, concurrent: true };
    throw error;
  }
}
