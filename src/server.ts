import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ensureAcademy } from './db/academy.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { DataDirInUseError } from './db/embedded-lock.js';
import { migrateToLatest } from './db/migrate.js';
import { findStaticDir } from './http/find-static-dir.js';
import { loadStaticAssets } from './http/static-assets.js';
import { closingScheduleFor } from './jobs/closing-schedule.js';
import { mailWorkerFor } from './mail/start-worker.js'; // e-mails (issue #6)
import { seedDemo } from '../scripts/seed-demo.js';

const SHUTDOWN_GRACE_MS = 10_000;

function log(message: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), message, ...extra })}\n`);
}

async function start(config: Config): Promise<void> {
  const started = performance.now();
  const database: DatabaseHandle = await openDatabase(
    config.database.kind === 'postgres' ? config.database : { kind: 'embedded', dataDir: config.database.dataDir },
  );
  const applied = await migrateToLatest(database.db);
  await ensureAcademy(database.db, { name: config.academyName, timeZone: config.timeZone });
  if (config.seedDemo) {
    const seeded = await seedDemo(database.db, { now: new Date() });
    if (seeded) log('données de démonstration créées', seeded);
  }

  const assets = loadStaticAssets(findStaticDir());
  const app = createApp({ db: database.db, config, assets, now: () => new Date() });
  // --- e-mails (issue #6) and SMS (issue #11): the outbox worker and the reminder clock job, in-process ---
  const mailWorker = mailWorkerFor(database.db, config, log);
  mailWorker.start();
  // --- end e-mails ---
  const closingSchedule = closingScheduleFor(database.db, config.publicOrigin, log);
  closingSchedule.start();
  const server: ServerType = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log('service démarré', {
      url: `http://localhost:${info.port}`,
      database: database.kind,
      migrations: applied,
      startupMs: Math.round(performance.now() - started),
    });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('arrêt demandé', { signal });
    // Stop accepting, let requests in flight finish, then close the database.
    const force = setTimeout(() => {
      log('arrêt forcé après 10 s');
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // Connections still busy become idle once their response is sent: close them as they do.
    const closeIdle = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }, 100);
    closeIdle.unref();
    server.close(async () => {
      clearTimeout(force);
      clearInterval(closeIdle);
      await closingSchedule.stop();
      await mailWorker.stop(); // e-mails (issue #6): finishes the batch in progress before the database closes
      await database.close();
      log('service arrêté');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

try {
  await start(loadConfig());
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
