import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * A fresh, migrated database of this test file's own: a clone of the run's template on
 * PostgreSQL (when DATABASE_URL is set), an in-memory PGlite otherwise. `close()` drops it.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (!url || !template) {
    const handle = await openDatabase({ kind: 'memory' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `orientation_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleaner = new pg.Client({ connectionString: url });
      await cleaner.connect();
      await cleaner.query(`drop database if exists ${name} with (force)`);
      await cleaner.end();
    },
  };
}

export const testDatabaseKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
