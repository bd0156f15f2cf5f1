import type { Migration } from 'kysely/migration';
import * as identity from './0001-identity.js';
import * as procedure from './0002-procedure.js';
import * as wishDraft from './0003-wish-draft.js';
import * as mailOutbox from './0004-mail-outbox.js';
import * as importBatch from './0005-import-batch.js';
import * as loadIndexes from './0006-load-indexes.js';
import * as schoolJournal from './0007-school-journal.js';
import * as accountRecovery from './0008-account-recovery.js';

/** Every migration, in order. Listed here (not read from disk) so that the built service and the tests run the same set. */
export const migrations: Record<string, Migration> = {
  '0001-identity': identity,
  '0002-procedure': procedure,
  '0003-wish-draft': wishDraft,
  '0004-mail-outbox': mailOutbox,
  '0005-import-batch': importBatch,
  '0006-load-indexes': loadIndexes,
  '0007-school-journal': schoolJournal,
  '0008-account-recovery': accountRecovery,
};
