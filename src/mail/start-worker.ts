import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { smsTransportFor } from './sms-transport.js';
import { journalTransport, smtpTransport } from './transport.js';
import { MailWorker } from './worker.js';

/** How often the loop looks for due mails, and how often it runs the reminder job. */
export const POLL_INTERVAL_MS = 2_000;
export const REMINDER_EVERY_MS = 5 * 60_000;

/**
 * The worker the server (or `npm run mail:worker`) runs: e-mails over SMTP when SMTP_URL is set,
 * SMS through the HTTP gateway when SMS_GATEWAY_URL is set; else the demo journal for each.
 */
export function mailWorkerFor(db: Kysely<Database>, config: Config, log: (message: string, extra?: Record<string, unknown>) => void): MailWorker {
  if (config.env === 'production' && !config.smsGateway) {
    log('aucune passerelle SMS configurée (SMS_GATEWAY_URL) : les codes par SMS sont marqués traités sans partir');
  }
  return new MailWorker({
    db,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : journalTransport(),
    smsTransport: smsTransportFor(config),
    from: config.mailFrom,
    pollIntervalMs: POLL_INTERVAL_MS,
    reminders: { origin: config.publicOrigin, everyMs: REMINDER_EVERY_MS },
    log,
  });
}
