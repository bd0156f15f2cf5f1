// `npm run close:windows`: the closing job once — every intentions, choix définitifs or réponse
// window that is over gets closed (entries stop, unanswered files go « en dialogue », awaited
// accords are presumed or missing), and unvalidated drafts of closed windows are dropped.
// Idempotent: safe to run from cron every few minutes, and twice in a row.
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { DataDirInUseError } from '../src/db/embedded-lock.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { closeEndedWindows } from '../src/jobs/close-windows.js';

function log(message: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), message, ...extra })}\n`);
}

try {
  const config = loadConfig();
  const database = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'embedded', dataDir: config.database.dataDir });
  try {
    await migrateToLatest(database.db);
    const reports = await closeEndedWindows(database.db, { at: new Date(), origin: config.publicOrigin });
    for (const report of reports) log('fenêtre fermée', report);
    log('fermeture des fenêtres terminée', { fenetres: reports.length });
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
