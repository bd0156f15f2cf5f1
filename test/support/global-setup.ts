import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null;
  }
}

/**
 * With DATABASE_URL (PostgreSQL), builds one migrated template database for the run; each
 * test file then clones it (fast) into a database of its own. Without it, each file opens an
 * in-memory PGlite and nothing is needed here.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('templateDatabase', null);
    return;
  }
  const template = `orientation_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await dropTestDatabases(admin);
  await admin.query(`create database ${template}`);
  const target = new URL(url);
  target.pathname = `/${template}`;
  const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.toString(), max: 1 }) }) });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('templateDatabase', template);

  return async () => {
    await dropTestDatabases(admin);
    await admin.end();
  };
}

/** Leftovers of an earlier, interrupted run are dropped too. */
async function dropTestDatabases(admin: pg.Client) {
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname like 'orientation\\_t\\_%' or datname like 'orientation\\_tpl\\_%'`,
  );
  for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
}
