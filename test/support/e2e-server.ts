import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ensureAcademy } from '../../src/db/academy.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findStaticDir } from '../../src/http/find-static-dir.js';
import { loadStaticAssets } from '../../src/http/static-assets.js';
import { seedDemo } from '../../scripts/seed-demo.js';
import { createTestDatabase, sharedDemoPasswordHash } from './database.js';

export type E2EServer = {
  /** `http://127.0.0.1:<port>`, also the configured PUBLIC_ORIGIN. */
  baseUrl: string;
  /** The server's own database, for a test that must arrange data the UI cannot (yet) create. */
  database: DatabaseHandle;
  config: Config;
  /** Moves the service's clock forward (the database and the browser keep real time): a campaign's weeks in a test. */
  advanceClock(milliseconds: number): void;
  /** Stops listening, drops open (keep-alive) connections, then closes the database. Safe to call twice. */
  close(): Promise<void>;
};

export type E2EServerOptions = {
  /** Seed the demo académie (default true). */
  seed?: boolean;
  /** Generated pupils per division (default 4: the named demo families are always there). */
  pupilsPerDivision?: number;
  /** Extra environment for loadConfig (PUBLIC_ORIGIN is always the real origin). */
  env?: Record<string, string>;
};

/**
 * The real service, in-process, listening on 127.0.0.1 on a free port, on a fresh database
 * (PGlite in memory, or a clone of the PostgreSQL template when DATABASE_URL is set).
 */
export async function startE2EServer(options: E2EServerOptions = {}): Promise<E2EServer> {
  const database = await createTestDatabase({ seed: false });
  let server: ServerType | undefined;
  try {
    // Listen first: the port is only known then, and the configuration (PUBLIC_ORIGIN, checked
    // by the CSRF guard) needs it. Requests cannot arrive before we return the URL, but until the
    // app exists the server answers 503 rather than crash.
    let app: ReturnType<typeof createApp> | undefined;
    const listening = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
      const started = serve(
        {
          fetch: (request, env) => (app ? app.fetch(request, env) : new Response('démarrage en cours', { status: 503 })),
          port: 0,
          hostname: '127.0.0.1',
        },
        (info: AddressInfo) => resolve({ server: started, port: info.port }),
      );
      started.once('error', reject);
    });
    server = listening.server;
    const baseUrl = `http://127.0.0.1:${listening.port}`;

    const config = loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false', ...options.env, PUBLIC_ORIGIN: baseUrl });
    await ensureAcademy(database.db, { name: config.academyName, timeZone: config.timeZone });
    if (options.seed ?? true) {
      await seedDemo(database.db, { now: new Date(), pupilsPerDivision: options.pupilsPerDivision ?? 4, passwordHash: await sharedDemoPasswordHash() });
    }
    let clockOffset = 0;
    app = createApp({ db: database.db, config, assets: loadStaticAssets(findStaticDir()), now: () => new Date(Date.now() + clockOffset) });

    const running = server;
    let closing: Promise<void> | undefined;
    return {
      baseUrl,
      database,
      config,
      advanceClock: (milliseconds) => {
        clockOffset += milliseconds;
      },
      close: () => (closing ??= stopServer(running).finally(() => database.close())),
    };
  } catch (error) {
    if (server) await stopServer(server).catch(() => {});
    await database.close();
    throw error;
  }
}

function stopServer(server: ServerType): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // A browser keeps connections alive: without this, close() would wait for them to time out.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

/** A fresh server and database for one scenario, closed whatever happens. */
export async function withServer<T>(body: (server: E2EServer) => Promise<T>, options: E2EServerOptions = {}): Promise<T> {
  const server = await startE2EServer(options);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}
