import type { Config } from '../config.js';

/** One text message as handed to a transport: the number in international form, the text, the outbox reference. */
export type OutgoingSms = { to: string; text: string; reference: string };

/** What delivers a text message: an HTTP gateway in production, the journal (nothing leaves) in the demo. */
export type SmsTransport = {
  readonly kind: 'http' | 'journal';
  send(sms: OutgoingSms): Promise<{ response: string }>;
  close(): void;
};

/** Recorded as the « response » of an SMS that the demo keeps in the outbox instead of sending. */
export const SMS_JOURNAL_RESPONSE = 'non envoyé : aucune passerelle SMS configurée (démonstration)';

/** How long the gateway has to answer before the attempt counts as failed (and is retried). */
export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

/** The part of the gateway's answer kept as the row's response or error. */
const KEPT_ANSWER_CHARS = 500;

/**
 * A refused or failed hand-over to the gateway. `permanent`: the gateway will answer the same way
 * next time (a 4xx other than 408 and 429), so the worker does not retry.
 */
export class SmsDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmsDeliveryError';
  }
}

/** 2xx: delivered; 408, 429 and 5xx: try again later; any other status: refused for good. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function kept(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > KEPT_ANSWER_CHARS ? `${flat.slice(0, KEPT_ANSWER_CHARS)}…` : flat;
}

/**
 * The HTTP gateway (README « SMS »): one JSON POST per message to SMS_GATEWAY_URL,
 *   Authorization: Bearer <SMS_GATEWAY_TOKEN>
 *   Content-Type: application/json
 *   Idempotency-Key: outbox-<id>
 *   {"to":"+33612345678","from":"<SMS_SENDER>","text":"…","reference":"outbox-<id>"}
 * The Idempotency-Key lets the gateway drop the second copy when the worker re-sends after a
 * crash or a lost answer (delivery is at least once on our side).
 */
export function httpSmsTransport(gateway: { url: string; token: string; sender: string }, options: { timeoutMs?: number } = {}): SmsTransport {
  const timeoutMs = options.timeoutMs ?? SMS_GATEWAY_TIMEOUT_MS;
  return {
    kind: 'http',
    async send(sms) {
      let response: Response;
      try {
        response = await fetch(gateway.url, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${gateway.token}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
            'Idempotency-Key': sms.reference,
          },
          body: JSON.stringify({ to: sms.to, from: gateway.sender, text: sms.text, reference: sms.reference }),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new SmsDeliveryError(describeFetchFailure(error, timeoutMs), false);
      }
      let body: string;
      try {
        body = await response.text();
      } catch (error) {
        // The status came, the body did not (cut, or too slow): not known to be delivered.
        throw new SmsDeliveryError(`HTTP ${response.status}, réponse interrompue : ${describeFetchFailure(error, timeoutMs)}`, false, response.status);
      }
      const answer = kept(body);
      if (response.ok) return { response: `HTTP ${response.status}${answer ? ` ${answer}` : ''}` };
      throw new SmsDeliveryError(`passerelle SMS : HTTP ${response.status}${answer ? ` ${answer}` : ''}`, !isRetryableStatus(response.status), response.status);
    },
    close() {},
  };
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return `passerelle SMS : pas de réponse en ${Math.round(timeoutMs / 100) / 10} s`;
  }
  const cause = e?.cause;
  const code = typeof cause?.code === 'string' ? `${cause.code} : ` : '';
  const message = typeof cause?.message === 'string' ? cause.message : typeof e?.message === 'string' ? e.message : String(error);
  return `passerelle SMS injoignable : ${code}${message}`;
}

/** Without SMS_GATEWAY_URL: text messages stay in the outbox, marked as handled, and are shown on /dev/sms. */
export function journalSmsTransport(): SmsTransport {
  return {
    kind: 'journal',
    async send() {
      return { response: SMS_JOURNAL_RESPONSE };
    },
    close() {},
  };
}

/** The gateway when SMS_GATEWAY_URL is set, else the journal (as for mail without SMTP_URL). */
export function smsTransportFor(config: Pick<Config, 'smsGateway'>): SmsTransport {
  return config.smsGateway ? httpSmsTransport(config.smsGateway) : journalSmsTransport();
}

export function isPermanentSmsFailure(error: unknown): boolean {
  return error instanceof SmsDeliveryError ? error.permanent : false;
}

export function describeSmsError(error: unknown): string {
  if (error instanceof SmsDeliveryError) return error.message.slice(0, 1000);
  const e = error as { message?: unknown };
  return (typeof e?.message === 'string' ? e.message : String(error)).slice(0, 1000);
}
