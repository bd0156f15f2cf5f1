import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PupilFile, TransitionName } from '../domain/file.js';
import type { StoredFile } from '../pupil-file/load.js';
import { enqueueAnswerGiven, enqueueDecision, enqueuePublication, enqueueRecap } from './outbox.js';

/**
 * The e-mails a change of a pupil's file causes (spec §5), enqueued in the transaction that
 * writes the change: pass the result as `alongside` to applyTransition / applyTransitionIn.
 */
export function mailsFor(name: TransitionName, origin: string, at: Date) {
  return async (trx: Transaction<Database>, change: { before: StoredFile; file: PupilFile }): Promise<void> => {
    const stored: StoredFile = { ...change.before, file: change.file };
    const input = { pupilId: stored.pupil.id, at, origin, stored };
    switch (name) {
      case 'validateIntentions':
        await enqueueRecap(trx, { ...input, phase: 'provisional' });
        break;
      case 'validateChoices':
        await enqueueRecap(trx, { ...input, phase: 'final' });
        break;
      case 'publishOpinions':
        await enqueuePublication(trx, { ...input, phase: 'provisional' });
        break;
      case 'publishProposals':
        await enqueuePublication(trx, { ...input, phase: 'final' });
        break;
      case 'answerProposals':
        await enqueueAnswerGiven(trx, input);
        break;
      default:
        break;
    }
    // An answer, an accord, a désaccord or the closing of the response window may settle the
    // file: a decision, or « en dialogue ». Both representatives are told, once.
    const settled = (!change.before.file.outcome.decision && change.file.outcome.decision) || (!change.before.file.outcome.dialogue && change.file.outcome.dialogue);
    if (settled) await enqueueDecision(trx, input);
  };
}
