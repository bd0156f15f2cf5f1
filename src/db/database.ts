import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './embedded-lock.js';
import { usePreparedStatements } from './prepared.js';
import { queryStats } from './query-stats.js';
import type { Database } from './schema.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; maxConnections?: number; /** Logs queries slower than this (SLOW_QUERY_MS), and a summary every 5 s. */ slowQueryMs?: number }
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'memory' };

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
};

const INT8 = 20;
const DATE = 1082;

// Counts come back as numbers and calendar days as 'YYYY-MM-DD' on both drivers.
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);
const pgliteParsers = { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    // JIT compilation is for analytic queries: on these short ones it only adds tens of milliseconds.
    const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10, options: '-c jit=off' });
    pool.on('connect', (client) => {
      // A connection cut while a request holds it (a restart mid-transaction) fails that request's
      // query, which the request turns into « Service momentanément indisponible »; the client's own
      // 'error' event must not crash the process on top of it.
      client.on('error', (error) => {
        process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', message: 'connexion PostgreSQL coupée pendant une requête', error: error.message })}\n`);
      });
      usePreparedStatements(client);
    });
    // An idle connection the server ends (a restart, a failover, a dropped test database) must not
    // crash the process: the pool replaces it at the next query.
    pool.on('error', (error) => {
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', message: 'connexion PostgreSQL inactive fermée par le serveur', error: error.message })}\n`);
    });
    const stats = target.slowQueryMs === undefined ? null : queryStats({ slowMs: target.slowQueryMs });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(stats ? { log: stats.log } : {}) });
    return {
      db,
      kind: 'postgres',
      close: async () => {
        stats?.stop();
        await db.destroy();
      },
    };
  }

  const releaseLock = target.kind === 'embedded' ? lockDataDir(target.dataDir) : () => {};
  try {
    const pglite = new PGlite(target.kind === 'embedded' ? target.dataDir : 'memory://', { parsers: pgliteParsers });
    await pglite.waitReady;
    return databaseOnPGlite(pglite, target.kind, releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** A handle on an already open PGlite (tests open one and clone it for each test). */
export function databaseOnPGlite(pglite: PGlite, kind: 'embedded' | 'memory' = 'memory', releaseLock: () => void = () => {}): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind,
    async close() {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

export { pgliteParsers };

export async function isDatabaseReady(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
