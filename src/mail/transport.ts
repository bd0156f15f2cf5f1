import nodemailer from 'nodemailer';

/** One message as handed to a transport. */
export type OutgoingMail = { from: string; to: string; subject: string; text: string; html: string; messageId: string };

/** What delivers a message: SMTP in production, the journal (nothing leaves) in the demo. */
export type MailTransport = {
  readonly kind: 'smtp' | 'journal';
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
};

/** Recorded as the « response » of a mail that the demo keeps in the outbox instead of sending. */
export const JOURNAL_RESPONSE = 'non envoyé : aucun serveur SMTP configuré (démonstration)';

/**
 * SMTP through nodemailer, from SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered) or
 * `smtps://host:465`; TLS options travel in the query, e.g. `?tls.rejectUnauthorized=false` or
 * `?requireTLS=true`. A small pool of connections is kept open for throughput.
 */
export function smtpTransport(url: string, options: { maxConnections?: number } = {}): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 500,
    // Short timeouts: a stuck server must not hold a claimed mail longer than its lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { response: String(info.response ?? '') };
    },
    close() {
      transporter.close();
    },
  };
}

/** Without SMTP_URL: mails stay in the outbox, marked as handled, and are shown on /dev/mails. */
export function journalTransport(): MailTransport {
  return {
    kind: 'journal',
    async send() {
      return { response: JOURNAL_RESPONSE };
    },
    close() {},
  };
}

/** An SMTP error the server will answer the same way next time (5xx, or no valid recipient): no retry. */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown };
  if (typeof e?.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e?.code === 'EENVELOPE';
}

export function describeError(error: unknown): string {
  const e = error as { response?: unknown; code?: unknown; message?: unknown };
  const text = typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(error);
  return `${typeof e?.code === 'string' ? `${e.code} : ` : ''}${text}`.slice(0, 1000);
}
