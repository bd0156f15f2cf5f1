import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOnPGlite, pgliteParsers, type DatabaseHandle } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase } from '../support/database.js';

// Runs in the PostgreSQL pass (DATABASE_URL set, see vitest.config.ts): the same migrations
// must give the same schema on the embedded PGlite and on a real server.

let postgres: DatabaseHandle;
let pglite: DatabaseHandle;
beforeAll(async () => {
  postgres = await createTestDatabase({ seed: false });
  const embedded = new PGlite('memory://', { parsers: pgliteParsers });
  await embedded.waitReady;
  pglite = databaseOnPGlite(embedded);
  await migrateToLatest(pglite.db);
});
afterAll(async () => {
  await postgres?.close();
  await pglite?.close();
});

async function catalog(db: Kysely<Database>) {
  const columns = await sql<Record<string, unknown>>`
    select table_name, column_name, data_type, is_nullable, column_default, is_identity
    from information_schema.columns where table_schema = 'public'
    order by table_name, column_name`.execute(db);
  const constraints = await sql<Record<string, unknown>>`
    select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as definition
    from pg_constraint where connamespace = 'public'::regnamespace
      -- PostgreSQL 18 (PGlite) also lists NOT NULL as constraints; nullability is compared with the columns.
      and contype <> 'n'
    order by 1, 2`.execute(db);
  const indexes = await sql<Record<string, unknown>>`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`.execute(db);
  const triggers = await sql<Record<string, unknown>>`
    select event_object_table, trigger_name, action_timing, event_manipulation
    from information_schema.triggers where trigger_schema = 'public' order by 1, 2, 4`.execute(db);
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, triggers: triggers.rows };
}

describe('parité des schémas', () => {
  it('les migrations donnent le même schéma sur PGlite et sur PostgreSQL', async () => {
    const onPostgres = await catalog(postgres.db);
    const onPglite = await catalog(pglite.db);
    expect(onPostgres.columns.length).toBeGreaterThan(50);
    expect(onPglite.columns).toEqual(onPostgres.columns);
    expect(onPglite.constraints).toEqual(onPostgres.constraints);
    expect(onPglite.indexes).toEqual(onPostgres.indexes);
    expect(onPglite.triggers).toEqual(onPostgres.triggers);
  });
});
