import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { closeEndedWindows } from './close-windows.js';

export const CLOSING_INTERVAL_MS = 60_000;

/**
 * Runs the closing job every minute in the server process. Several containers may run it at
 * once: every change goes through a transition with the file's version guard, so a file is
 * closed once and the other run's attempt is refused without writing anything.
 */
export function closingScheduleFor(db: Kysely<Database>, origin: string, log: (message: string, extra?: Record<string, unknown>) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running = closeEndedWindows(db, { at: new Date(), origin })
      .then((reports) => {
        const closed = reports.reduce((sum, report) => sum + report.closed, 0);
        if (closed > 0) log('fermeture des saisies', { dossiers: closed, fenetres: reports.length });
      })
      .catch((error: unknown) => log('fermeture des saisies en échec', { error: String(error) }))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start() {
      tick();
      timer = setInterval(() => {
        if (!running) tick();
      }, CLOSING_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
