// `npm run mail:worker`: the mail (and SMS) worker alone, for a deployment that runs it apart from the web
// containers (several may run: they never send one mail twice). The web server runs one too.
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { DataDirInUseError } from '../src/db/embedded-lock.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { mailWorkerFor } from '../src/mail/start-worker.js';

function log(message: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), message, ...extra })}\n`);
}

try {
  const config = loadConfig();
  const database = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'embedded', dataDir: config.database.dataDir });
  await migrateToLatest(database.db);
  const worker = mailWorkerFor(database.db, config, log);
  worker.start();
  log('distributeur de courriels et SMS démarré', {
    smtp: config.smtpUrl ? 'oui' : 'non (démonstration : rien ne part)',
    sms: config.smsGateway ? 'passerelle HTTP' : 'non (démonstration : rien ne part)',
    database: database.kind,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('arrêt demandé', { signal });
    await worker.stop();
    await database.close();
    log('distributeur de courriels et SMS arrêté');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
