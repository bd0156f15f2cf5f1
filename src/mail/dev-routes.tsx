import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.js';
import { formatDateTime } from '../domain/dates.js';
import { renderPage } from '../http/render.js';
import { DevMailPage, DevMailsPage } from '../../views/mail/dev-mails-page.js';
import { DevSmsPage } from '../../views/mail/dev-sms-page.js';
import { listOutbox, listOutboxSms, outboxMail } from './queries.js';

/**
 * /dev/mails and /dev/sms: the outbox as a small web inbox, e-mails and text messages apart (an
 * SMS is read whole in the list: the demo's codes are read there). Mounted only outside
 * production (see app.tsx).
 */
export function devMailRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/dev/mails', async (c) => {
    const { db, config } = c.get('deps');
    const rows = await listOutbox(db);
    return renderPage(
      c,
      { title: 'Courriels du service (développement)' },
      <DevMailsPage
        smtp={config.smtpUrl !== undefined}
        rows={rows.map((r) => ({ ...r, createdText: formatDateTime(r.createdAt, config.timeZone) }))}
      />,
    );
  });

  app.get('/dev/sms', async (c) => {
    const { db, config } = c.get('deps');
    const rows = await listOutboxSms(db);
    return renderPage(
      c,
      { title: 'SMS du service (développement)' },
      <DevSmsPage
        gateway={config.smsGateway !== undefined}
        rows={rows.map((r) => ({ ...r, createdText: formatDateTime(r.createdAt, config.timeZone) }))}
      />,
    );
  });

  const byId = async (c: Context<AppEnv>, param: string) => {
    const id = Number(param);
    return Number.isSafeInteger(id) && id > 0 ? outboxMail(c.get('deps').db, id) : undefined;
  };

  app.get('/dev/mails/:id{[0-9]+}', async (c) => {
    const mail = await byId(c, c.req.param('id'));
    if (!mail) return c.notFound();
    const { config } = c.get('deps');
    return renderPage(
      c,
      { title: mail.subject },
      <DevMailPage
        id={Number(mail.id)}
        subject={mail.subject}
        recipient={mail.recipient}
        status={mail.status}
        kind={mail.kind}
        attempts={mail.attempts}
        notBeforeText={formatDateTime(new Date(mail.not_before), config.timeZone)}
        response={mail.smtp_response}
        lastError={mail.last_error}
        text={mail.text_body}
      />,
    );
  });

  // The HTML part as the family's mail client would show it (it loads nothing: the strict CSP still applies).
  app.get('/dev/mails/:id{[0-9]+}/html', async (c) => {
    const mail = await byId(c, c.req.param('id'));
    if (!mail) return c.notFound();
    return c.html(mail.html_body);
  });

  return app;
}
