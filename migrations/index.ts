import type { Migration } from 'kysely/migration';
import * as identity from './0001-identity.js';
import * as procedure from './0002-procedure.js';

/** Every migration, in order. Listed here (not read from disk) so that the built service and the tests run the same set. */
export const migrations: Record<string, Migration> = {
  '0001-identity': identity,
  '0002-procedure': procedure,
};
