import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, MailChannel } from '../db/schema.js';
import { runReminderJob } from './reminders.js';
import { describeSmsError, isPermanentSmsFailure, journalSmsTransport, type SmsTransport } from './sms-transport.js';
import { describeError, isPermanentFailure, type MailTransport } from './transport.js';

export type RetryPolicy = {
  /** First retry after about this long; each next one waits twice as long (± 20 % jitter). */
  baseDelayMs: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
  /** After this long from the mail's `not_before`, a mail still not delivered is `failed`. */
  giveUpAfterMs: number;
};

/** Codes sent by SMS are valid 10 minutes (src/domain/account-challenge.ts): retried until then, not after. */
export const SMS_GIVE_UP_AFTER_MS = 10 * 60_000;

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 60 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 };

export type MailWorkerOptions = {
  db: Kysely<Database>;
  transport: MailTransport;
  /** Where rows of the 'sms' channel go; the journal (nothing leaves, as without SMTP_URL) when absent. */
  smsTransport?: SmsTransport;
  from: string;
  now?: () => Date;
  /** How long the loop sleeps when nothing is due. */
  pollIntervalMs?: number;
  /** Mails claimed at once (and sent in parallel over the transport's pool). */
  batchSize?: number;
  /** A claimed mail is another worker's again after this long (the claimer crashed). */
  leaseMs?: number;
  retry?: RetryPolicy;
  /** The reminder job (48 h before a window closes), run by the loop this often; off when absent. */
  reminders?: { origin: string; everyMs: number } | undefined;
  random?: () => number;
  log?: (message: string, extra?: Record<string, unknown>) => void;
};

export type RunResult = { claimed: number; sent: number; retried: number; failed: number };

type ClaimedRow = {
  id: number;
  channel: MailChannel;
  kind: string;
  recipient: string;
  representative_id: number | null;
  subject: string;
  html_body: string;
  text_body: string;
  attempts: number;
  not_before: Date | string;
  coalesce_key: string | null;
};

/** How one channel of the outbox is delivered: its transport, how its errors read, which are final. */
type Courier = {
  /** Names the message in log lines: « courriel », « SMS ». */
  noun: string;
  /** Not delivered this long after its `not_before`: given up (`failed`). */
  giveUpAfterMs: number;
  send(row: ClaimedRow, id: number): Promise<{ response: string }>;
  isPermanent(error: unknown): boolean;
  describe(error: unknown): string;
  close(): void;
};

/**
 * Delivers the outbox. Each round claims a small batch of due mails in one statement
 * (`FOR UPDATE SKIP LOCKED`: two workers, in one process or two containers, never take the same
 * row; on PGlite the single connection serialises them), marks them `sending` with a lease,
 * sends them, then marks each `sent` (with the SMTP answer), back to `pending` with an
 * exponential, jittered back-off (4xx, connection errors), or `failed` (5xx at once, or after 24 h).
 * A crash between sending and marking re-sends after the lease: delivery is at least once.
 * Rows of the 'sms' channel take the same path to the SMS transport (gateway answers 408, 429,
 * 5xx, timeouts and network errors are retried, other 4xx fail at once); only e-mail failures
 * mark the representative's address as refused (mail_address_failure).
 */
export class MailWorker {
  private readonly db: Kysely<Database>;
  private readonly couriers: Record<MailChannel, Courier>;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly log: (message: string, extra?: Record<string, unknown>) => void;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastReminderRun = 0;

  constructor(private readonly options: MailWorkerOptions) {
    this.db = options.db;
    const mail = options.transport;
    const sms = options.smsTransport ?? journalSmsTransport();
    const giveUpAfterMs = (options.retry ?? DEFAULT_RETRY).giveUpAfterMs;
    this.couriers = {
      email: {
        noun: 'courriel',
        giveUpAfterMs,
        send: (row, id) =>
          mail.send({
            from: options.from,
            to: row.recipient,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
            messageId: `<outbox-${id}.${randomUUID()}@orientation>`,
          }),
        isPermanent: isPermanentFailure,
        describe: describeError,
        close: () => mail.close(),
      },
      sms: {
        noun: 'SMS',
        // An SMS carries a code valid 10 minutes: arriving later, it would only mislead.
        giveUpAfterMs: Math.min(giveUpAfterMs, SMS_GIVE_UP_AFTER_MS),
        send: (row, id) => sms.send({ to: row.recipient, text: row.text_body, reference: `outbox-${id}` }),
        isPermanent: isPermanentSmsFailure,
        describe: describeSmsError,
        close: () => sms.close(),
      },
    };
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
  }

  /** The wait before the next attempt, after `attempts` attempts. */
  backoffMs(attempts: number): number {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exponential * (0.8 + 0.4 * this.random()));
  }

  /** Claims one batch of due mails and delivers it. */
  async runOnce(): Promise<RunResult> {
    const at = this.now();
    const claimed = await sql<ClaimedRow>`
      update mail_outbox
      set status = 'sending', attempts = attempts + 1, locked_until = ${new Date(at.getTime() + this.leaseMs)}, updated_at = ${at}
      where id in (
        select id from mail_outbox
        where (status = 'pending' and next_attempt_at <= ${at}) or (status = 'sending' and locked_until < ${at})
        order by next_attempt_at, id
        limit ${this.batchSize}
        for update skip locked
      )
      returning id, channel, kind, recipient, representative_id, subject, html_body, text_body, attempts, not_before, coalesce_key`.execute(this.db);
    const result: RunResult = { claimed: claimed.rows.length, sent: 0, retried: 0, failed: 0 };
    await Promise.all(
      claimed.rows.map(async (row) => {
        const outcome = await this.deliver(row);
        result[outcome] += 1;
      }),
    );
    return result;
  }

  private async deliver(row: ClaimedRow): Promise<'sent' | 'retried' | 'failed'> {
    const id = Number(row.id);
    const courier = this.couriers[row.channel] ?? this.couriers.email;
    try {
      const { response } = await courier.send(row, id);
      const at = this.now();
      await this.db
        .updateTable('mail_outbox')
        .set({ status: 'sent', smtp_response: response.slice(0, 1000), sent_at: at, locked_until: null, last_error: null, updated_at: at })
        .where('id', '=', id)
        .execute();
      return 'sent';
    } catch (error) {
      const at = this.now();
      const message = courier.describe(error);
      const giveUpAt = new Date(row.not_before).getTime() + courier.giveUpAfterMs;
      if (courier.isPermanent(error) || at.getTime() >= giveUpAt) {
        await this.markFailed(row, message, at);
        this.log(`${courier.noun} en échec définitif`, { id, kind: row.kind, error: message });
        return 'failed';
      }
      const next = new Date(Math.min(giveUpAt, at.getTime() + this.backoffMs(row.attempts)));
      const retried = await this.db
        .updateTable('mail_outbox as m')
        .set({ status: 'pending', next_attempt_at: next, locked_until: null, last_error: message, updated_at: at })
        .where('m.id', '=', id)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('mail_outbox as o')
                .select('o.id')
                .where('o.status', '=', 'pending')
                .whereRef('o.coalesce_key', '=', 'm.coalesce_key')
                .whereRef('o.recipient', '=', 'm.recipient'),
            ),
          ),
        )
        .executeTakeFirst();
      // A newer recap for the same pupil, phase and recipient is already waiting: it carries the final list.
      if (Number(retried.numUpdatedRows) === 0) await this.db.deleteFrom('mail_outbox').where('id', '=', id).execute();
      this.log(`${courier.noun} à réessayer`, { id, kind: row.kind, attempts: row.attempts, next: next.toISOString(), error: message });
      return 'retried';
    }
  }

  private async markFailed(row: ClaimedRow, message: string, at: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('mail_outbox')
        .set({ status: 'failed', locked_until: null, last_error: message, updated_at: at })
        .where('id', '=', Number(row.id))
        .execute();
      // The representative's own address refused: the school sees it until the address changes.
      // (A refused SMS says nothing about the e-mail address.)
      if (row.channel === 'email' && row.representative_id !== null && row.kind !== 'address_confirmation') {
        await trx
          .insertInto('mail_address_failure')
          .values({ representative_id: row.representative_id, email: row.recipient, error: message, failed_at: at })
          .onConflict((oc) => oc.column('representative_id').doUpdateSet({ email: row.recipient, error: message, failed_at: at }))
          .execute();
      }
    });
  }

  /** Runs rounds until nothing is due (tests and the standalone command). */
  async drain(maxRounds = 1000): Promise<RunResult> {
    const total: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    for (let round = 0; round < maxRounds; round++) {
      const result = await this.runOnce();
      total.claimed += result.claimed;
      total.sent += result.sent;
      total.retried += result.retried;
      total.failed += result.failed;
      if (result.claimed === 0) break;
    }
    return total;
  }

  private async maybeRunReminders(): Promise<void> {
    const reminders = this.options.reminders;
    if (!reminders) return;
    const at = this.now();
    if (at.getTime() - this.lastReminderRun < reminders.everyMs) return;
    this.lastReminderRun = at.getTime();
    const written = await runReminderJob(this.db, { now: at, origin: reminders.origin });
    if (written > 0) this.log('rappels mis en file', { count: written });
  }

  /** Starts the loop: a round as soon as the previous one was full, else after the poll interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let full = false;
        try {
          await this.maybeRunReminders();
          const result = await this.runOnce();
          full = result.claimed >= this.batchSize;
        } catch (error) {
          this.log('erreur du distributeur de courriels et SMS', { error: describeError(error) });
        }
        if (!full && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.pollIntervalMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
        }
      }
    })();
  }

  /** Stops after the round in progress (its mails are marked), then closes the transport. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    this.couriers.email.close();
    this.couriers.sms.close();
  }
}
