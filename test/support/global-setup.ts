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
    await dropTestDatabases(admin, true);
    await admin.end();
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This run's databases, and the leftovers of an interrupted one; never those of another run
 * still going (their names carry the pid of the run that made them).
 */
async function dropTestDatabases(admin: pg.Client, everythingOfThisRun = false) {
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname ~ '^orientation_(t|tpl)_[0-9]+(_[0-9a-f]+)?$'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/^orientation_(?:t|tpl)_(\d+)/.exec(datname)![1]);
    if ((pid === process.pid && everythingOfThisRun) || (pid !== process.pid && !isAlive(pid))) {
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
  }
}
