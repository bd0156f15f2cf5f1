import type { Kysely } from 'kysely';
import type { Database, MailKind, MailStatus } from '../db/schema.js';

export type MailProblem = {
  pupilId: number;
  pupilName: string;
  divisionName: string;
  representativeId: number;
  representativeName: string;
  /** `noAddress`: nothing to send to; `failing`: the server refused the address (5xx) or gave up after 24 h. */
  problem: 'noAddress' | 'failing';
  email: string | null;
  error: string | null;
  at: Date | null;
};

/**
 * For the school's dashboard: the representatives of its pupils who receive no mail — no
 * address, or an address whose mails failed (refused, or undelivered after 24 h of retries).
 */
export async function mailProblemsForSchool(db: Kysely<Database>, schoolId: number): Promise<MailProblem[]> {
  const rows = await db
    .selectFrom('pupil as p')
    .innerJoin('division as d', 'd.id', 'p.division_id')
    .innerJoin('pupil_representative as pr', 'pr.pupil_id', 'p.id')
    .innerJoin('representative as r', 'r.id', 'pr.representative_id')
    .leftJoin('mail_address_failure as af', 'af.representative_id', 'r.id')
    .select((eb) => [
      'p.id as pupil_id',
      'p.first_name as pupil_first_name',
      'p.last_name as pupil_last_name',
      'd.name as division_name',
      'r.id as representative_id',
      'r.first_name',
      'r.last_name',
      'r.email',
      'af.error as address_error',
      'af.failed_at as address_failed_at',
      eb
        .selectFrom('mail_outbox as m')
        .select('m.last_error')
        .where('m.representative_id', '=', eb.ref('r.id'))
        .where('m.status', '=', 'failed')
        .where('m.channel', '=', 'email')
        .where('m.kind', '!=', 'address_confirmation')
        .orderBy('m.updated_at', 'desc')
        .limit(1)
        .as('failed_error'),
      eb
        .selectFrom('mail_outbox as m')
        .select('m.updated_at')
        .where('m.representative_id', '=', eb.ref('r.id'))
        .where('m.status', '=', 'failed')
        .where('m.channel', '=', 'email')
        .where('m.kind', '!=', 'address_confirmation')
        .orderBy('m.updated_at', 'desc')
        .limit(1)
        .as('failed_at'),
    ])
    .where('p.school_id', '=', schoolId)
    .orderBy('d.name')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('pr.position')
    .execute();
  const problems: MailProblem[] = [];
  for (const row of rows) {
    const base = {
      pupilId: row.pupil_id,
      pupilName: `${row.pupil_first_name} ${row.pupil_last_name}`,
      divisionName: row.division_name,
      representativeId: row.representative_id,
      representativeName: `${row.first_name} ${row.last_name}`,
    };
    if (!row.email || row.email.trim() === '') {
      problems.push({ ...base, problem: 'noAddress', email: null, error: null, at: null });
    } else if (row.address_error || row.failed_error) {
      problems.push({
        ...base,
        problem: 'failing',
        email: row.email,
        error: row.address_error ?? row.failed_error ?? null,
        at: row.address_failed_at ? new Date(row.address_failed_at) : row.failed_at ? new Date(row.failed_at) : null,
      });
    }
  }
  return problems;
}

export type OutboxListItem = { id: number; recipient: string; subject: string; status: MailStatus; kind: MailKind; createdAt: Date; notBefore: Date };

/** The e-mails of the outbox, newest first (the /dev/mails page; SMS are on /dev/sms). */
export async function listOutbox(db: Kysely<Database>, limit = 200): Promise<OutboxListItem[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'recipient', 'subject', 'status', 'kind', 'created_at', 'not_before'])
    .where('channel', '=', 'email')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), recipient: r.recipient, subject: r.subject, status: r.status, kind: r.kind, createdAt: r.created_at, notBefore: r.not_before }));
}

/** One e-mail of the outbox (an SMS is not one: /dev/mails/<n> answers 404 for it). */
export async function outboxMail(db: Kysely<Database>, id: number) {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).where('channel', '=', 'email').executeTakeFirst();
}

export type OutboxSmsItem = {
  id: number;
  recipient: string;
  label: string;
  text: string;
  status: MailStatus;
  kind: MailKind;
  attempts: number;
  createdAt: Date;
  response: string | null;
  lastError: string | null;
};

/** The text messages of the outbox, newest first, with their whole text (the /dev/sms page). */
export async function listOutboxSms(db: Kysely<Database>, limit = 200): Promise<OutboxSmsItem[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'recipient', 'subject', 'text_body', 'status', 'kind', 'attempts', 'created_at', 'smtp_response', 'last_error'])
    .where('channel', '=', 'sms')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    recipient: r.recipient,
    label: r.subject,
    text: r.text_body,
    status: r.status,
    kind: r.kind,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
    response: r.smtp_response,
    lastError: r.last_error,
  }));
}
