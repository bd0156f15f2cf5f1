import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { ensureAcademy } from '../../src/db/academy.js';
import { databaseOnPGlite, openDatabase, pgliteParsers, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../../scripts/seed-demo.js';

/** The instant test databases are seeded at: school year 2026–2027, between the 2nd and 3rd terms. */
export const TEST_SEED_INSTANT = new Date('2027-03-15T09:00:00Z');
export const TEST_ACADEMY = { name: 'Académie de démonstration', timeZone: 'Europe/Paris' };
const PUPILS_PER_DIVISION = 4;

let demoPasswordHash: Promise<string> | undefined;
/** The demo password hashed once per test process (hashing is deliberately slow). */
export const sharedDemoPasswordHash = () => (demoPasswordHash ??= hashPassword(DEMO_PASSWORD));

async function prepare(handle: DatabaseHandle, seed: boolean): Promise<void> {
  await ensureAcademy(handle.db, TEST_ACADEMY);
  if (seed) await seedDemo(handle.db, { now: TEST_SEED_INSTANT, pupilsPerDivision: PUPILS_PER_DIVISION, passwordHash: await sharedDemoPasswordHash() });
}

// PGlite: one migrated (and one seeded) database per test process, dumped once, and loaded
// from that dump for each test in well under a second.
const pgliteBases = new Map<boolean, Promise<Blob>>();
function pgliteBase(seed: boolean): Promise<Blob> {
  let base = pgliteBases.get(seed);
  if (!base) {
    base = (async () => {
      const pglite = new PGlite('memory://', { parsers: pgliteParsers });
      await pglite.waitReady;
      const handle = databaseOnPGlite(pglite);
      await migrateToLatest(handle.db);
      await prepare(handle, seed);
      const dump = await pglite.dumpDataDir('none');
      await handle.close();
      return dump;
    })();
    pgliteBases.set(seed, base);
  }
  return base;
}

/**
 * A fresh, migrated database of this test's own, with the académie row and, unless told
 * otherwise, the demo schools and accounts (4 pupils a division): a clone of the run's template
 * on PostgreSQL when DATABASE_URL is set, a clone of an in-memory PGlite otherwise. `close()` drops it.
 */
export async function createTestDatabase(options: { seed?: boolean } = {}): Promise<DatabaseHandle> {
  const seed = options.seed ?? true;
  const url = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (!url || !template) {
    const clone = new PGlite({ loadDataDir: await pgliteBase(seed), parsers: pgliteParsers });
    await clone.waitReady;
    return databaseOnPGlite(clone);
  }
  // Named after the run (the template's pid) so that a concurrent run never drops it.
  const name = `orientation_t_${template.slice('orientation_tpl_'.length)}_${randomBytes(6).toString('hex')}`;
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
  await prepare(handle, seed);
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
