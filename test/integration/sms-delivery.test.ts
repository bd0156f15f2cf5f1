import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { enqueuePublication, insertSms } from '../../src/mail/outbox.js';
import { mailProblemsForSchool } from '../../src/mail/queries.js';
import { httpSmsTransport, journalSmsTransport, SMS_JOURNAL_RESPONSE, smsTransportFor } from '../../src/mail/sms-transport.js';
import { mailWorkerFor } from '../../src/mail/start-worker.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { MailWorker } from '../../src/mail/worker.js';
import { headingFindings, keyboardFindings, reflowFindings, targetSizeFindings, textSpacingFindings } from '../e2e/audit/checks.js';
import { closePage, expectNoAxeViolations, expectNoPageProblems, launchBrowser, newPage } from '../support/browser.js';
import { startE2EServer, type E2EServer } from '../support/e2e-server.js';
import { TestSmsGateway } from '../support/sms-gateway.js';
import { TestSmtpServer } from '../support/smtp-server.js';
import { createTestApp, mainText, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// SMS travel through the mail outbox (channel 'sms') to an HTTP gateway, here a real local
// node:http server that records each request and answers as the test tells it.

const ORIGIN = 'https://orientation.ac-exemple.fr';
const FROM = 'Orientation <ne-pas-repondre@orientation.invalid>';
const TOKEN = 'jeton-de-la-passerelle';
const NUMBER = '+33612345678';

let t: TestApp;
let gateway: TestSmsGateway | null = null;
let smtp: TestSmtpServer | null = null;
const workers: MailWorker[] = [];
const logs: Array<{ message: string; extra?: Record<string, unknown> }> = [];

beforeEach(async () => {
  t = await createTestApp();
  logs.length = 0;
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  await gateway?.close();
  gateway = null;
  await smtp?.close();
  smtp = null;
  // As in mail.test.ts: let the pool's connections close before the database is dropped.
  await t.database.db.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await t.close();
});

function workerFor(options: { gateway?: TestSmsGateway; smtpUrl?: string; timeoutMs?: number } = {}): MailWorker {
  const worker = new MailWorker({
    db: t.database.db,
    transport: options.smtpUrl ? smtpTransport(options.smtpUrl) : { kind: 'journal', send: () => Promise.reject(new Error('aucun courriel attendu ici')), close() {} },
    smsTransport: options.gateway
      ? httpSmsTransport({ url: options.gateway.url, token: TOKEN, sender: 'Orientation' }, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
      : journalSmsTransport(),
    from: FROM,
    now: () => t.clock.now,
    random: () => 0.5,
    log: (message, extra) => logs.push({ message, ...(extra ? { extra } : {}) }),
  });
  workers.push(worker);
  return worker;
}

async function sms(text: string, options: { recipient?: string; representativeId?: number | null; at?: Date } = {}): Promise<number> {
  const at = options.at ?? t.clock.now;
  await t.database.db.transaction().execute((trx) =>
    insertSms(trx, { kind: 'verification_code', recipient: options.recipient ?? NUMBER, representativeId: options.representativeId ?? null, label: 'Code d’activation', text }, at),
  );
  const row = await t.database.db.selectFrom('mail_outbox').select('id').where('channel', '=', 'sms').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return Number(row.id);
}

const row = (id: number) => t.database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function representativeOf(login: string) {
  return t.database.db
    .selectFrom('user_account as a')
    .innerJoin('representative as r', 'r.id', 'a.representative_id')
    .innerJoin('pupil_representative as pr', 'pr.representative_id', 'r.id')
    .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
    .select(['r.id', 'r.email', 'p.id as pupil_id', 'p.school_id'])
    .where('a.login', '=', login)
    .executeTakeFirstOrThrow();
}

describe('la distribution des SMS par la passerelle HTTP', () => {
  it('la passerelle reçoit un POST JSON tel que documenté : numéro, expéditeur, texte, référence, jeton et clé d’idempotence', async () => {
    gateway = await TestSmsGateway.start();
    gateway.answerAlways({ status: 202, body: '{"id":"gw-42","status":"queued"}' });
    const id = await sms('Orientation : votre code d’activation est 482913. Il est valable 10 minutes.');

    const result = await workerFor({ gateway }).drain();

    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect(gateway.requests).toHaveLength(1);
    const request = gateway.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/sms');
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe(`outbox-${id}`);
    expect(request.body).toEqual({
      to: NUMBER,
      from: 'Orientation',
      text: 'Orientation : votre code d’activation est 482913. Il est valable 10 minutes.',
      reference: `outbox-${id}`,
    });
    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(1);
    expect(sent.smtp_response).toContain('202');
    expect(sent.smtp_response).toContain('gw-42');
    expect(sent.sent_at).not.toBeNull();

    // Sent once: nothing is due any more, even much later.
    t.clock.advance(48 * 60 * 60_000);
    expect((await workers[0]!.drain()).claimed).toBe(0);
    expect(gateway.requests).toHaveLength(1);
  });

  it('une réponse 500 puis 200 : le SMS est réessayé après l’attente, avec la même clé d’idempotence, puis envoyé', async () => {
    gateway = await TestSmsGateway.start();
    gateway.answerWith({ status: 500, body: '{"error":"indisponible"}' });
    const id = await sms('Votre code : 111111');
    const worker = workerFor({ gateway });

    expect(await worker.drain()).toMatchObject({ claimed: 1, sent: 0, retried: 1, failed: 0 });
    const waiting = await row(id);
    expect(waiting.status).toBe('pending');
    expect(waiting.last_error).toContain('HTTP 500');
    expect(waiting.last_error).toContain('indisponible');
    // The worker's back-off: 30 s after the first attempt (jitter centred by random = 0.5).
    expect(new Date(waiting.next_attempt_at).getTime()).toBe(t.clock.now.getTime() + 30_000);
    expect(logs.map((l) => l.message)).toContain('SMS à réessayer');
    expect(logs.map((l) => l.message).some((m) => m.includes('courriel'))).toBe(false);

    // Not before its time.
    t.clock.advance(10_000);
    expect((await worker.drain()).claimed).toBe(0);
    expect(gateway.requests).toHaveLength(1);

    t.clock.advance(20_000);
    expect(await worker.drain()).toMatchObject({ claimed: 1, sent: 1 });
    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(2);
    expect(sent.last_error).toBeNull();
    expect(gateway.requests.map((r) => r.headers['idempotency-key'])).toEqual([`outbox-${id}`, `outbox-${id}`]);
  });

  it.each([408, 429, 503])('une réponse %i est passagère : le SMS reste à envoyer', async (status) => {
    gateway = await TestSmsGateway.start();
    gateway.answerWith({ status });
    const id = await sms('Votre code : 222222');
    expect(await workerFor({ gateway }).drain()).toMatchObject({ retried: 1, failed: 0 });
    expect((await row(id)).status).toBe('pending');
    expect((await row(id)).last_error).toContain(`HTTP ${status}`);
  });

  it.each([400, 401, 404, 422])('une réponse %i est définitive : le SMS est en échec tout de suite, sans nouvel essai', async (status) => {
    gateway = await TestSmsGateway.start();
    gateway.answerAlways({ status, body: '{"error":"numéro refusé"}' });
    const id = await sms('Votre code : 333333');
    const worker = workerFor({ gateway });
    expect(await worker.drain()).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
    const failed = await row(id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain(`HTTP ${status}`);
    expect(failed.last_error).toContain('numéro refusé');
    expect(logs.map((l) => l.message)).toEqual(['SMS en échec définitif']);
    t.clock.advance(48 * 60 * 60_000);
    expect((await worker.drain()).claimed).toBe(0);
    expect(gateway.requests).toHaveLength(1);
  });

  it('une passerelle qui ne répond pas (délai dépassé) ou injoignable : le SMS est réessayé, puis part quand elle revient', async () => {
    gateway = await TestSmsGateway.start();
    gateway.answerWith('hang');
    const id = await sms('Votre code : 444444');
    const worker = workerFor({ gateway, timeoutMs: 300 });

    const started = Date.now();
    expect(await worker.drain()).toMatchObject({ retried: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await row(id)).status).toBe('pending');
    expect((await row(id)).last_error).toContain('pas de réponse en 0.3 s');

    // The gateway is gone: connection refused.
    const port = gateway.port;
    await gateway.close();
    gateway = null;
    t.clock.advance(31_000);
    expect(await worker.drain()).toMatchObject({ retried: 1 });
    const refused = await row(id);
    expect(refused.status).toBe('pending');
    expect(refused.attempts).toBe(2);
    expect(refused.last_error).toContain('passerelle SMS injoignable');

    // Back on the same address: the same worker delivers at the next attempt (1 min later).
    gateway = await TestSmsGateway.start({ port });
    t.clock.advance(30_000);
    expect((await worker.drain()).claimed).toBe(0);
    t.clock.advance(31_000);
    expect(await worker.drain()).toMatchObject({ sent: 1 });
    expect((await row(id)).status).toBe('sent');
    expect((await row(id)).attempts).toBe(3);
    expect(gateway.requests).toHaveLength(1);
  });

  it('une passerelle en panne : le SMS est réessayé 10 minutes (la durée de son code), puis finit en échec', async () => {
    gateway = await TestSmsGateway.start();
    gateway.answerAlways({ status: 503 });
    const id = await sms('Votre code : 555555');
    const worker = workerFor({ gateway });
    await worker.drain();
    for (let minute = 1; minute < 10; minute++) {
      t.clock.advance(60_000);
      await worker.drain();
      expect((await row(id)).status, `après ${minute} min`).toBe('pending');
    }
    expect(gateway.requests.length).toBeGreaterThanOrEqual(3);
    t.clock.advance(60_000);
    await worker.drain();
    const failed = await row(id);
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toContain('HTTP 503');
  });
});

describe('courriels et SMS dans le même distributeur', () => {
  it('les courriels vont au serveur SMTP, les SMS à la passerelle ; seuls les courriels refusés sont signalés à l’établissement', async () => {
    const parent = await representativeOf('famille.aubrac.1');
    expect(parent.email).toBeTruthy();
    // The representative's own address works; her SMS is refused by the gateway.
    gateway = await TestSmsGateway.start();
    gateway.answerAlways({ status: 400, body: '{"error":"numéro invalide"}' });
    smtp = await TestSmtpServer.start();
    await t.database.db.transaction().execute((trx) => enqueuePublication(trx, { pupilId: parent.pupil_id, phase: 'provisional', at: t.clock.now, origin: ORIGIN }));
    const emails = await t.database.db.selectFrom('mail_outbox').select('recipient').where('channel', '=', 'email').execute();
    expect(emails.length).toBeGreaterThan(0);
    const smsId = await sms('Votre code : 666666', { representativeId: parent.id });

    const result = await workerFor({ gateway, smtpUrl: smtp.url }).drain();

    expect(result).toMatchObject({ claimed: emails.length + 1, sent: emails.length, failed: 1 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(emails.map((e) => e.recipient).sort());
    expect(smtp.received.some((m) => m.text.includes('666666'))).toBe(false);
    expect(gateway.requests.map((r) => (r.body as { text: string }).text)).toEqual(['Votre code : 666666']);
    expect((await row(smsId)).status).toBe('failed');

    // A refused SMS says nothing about the e-mail address: the school sees no failing address.
    expect(await t.database.db.selectFrom('mail_address_failure').selectAll().execute()).toEqual([]);
    const problems = await mailProblemsForSchool(t.database.db, parent.school_id);
    expect(problems.filter((p) => p.representativeId === parent.id)).toEqual([]);
  });

  it('un courriel refusé (550) est toujours signalé, pendant qu’un SMS refusé du même représentant ne l’est pas', async () => {
    const parent = await representativeOf('famille.aubrac.1');
    gateway = await TestSmsGateway.start();
    gateway.answerAlways({ status: 400 });
    smtp = await TestSmtpServer.start({ rejectRecipient: (address) => address === parent.email });
    await t.database.db.transaction().execute((trx) => enqueuePublication(trx, { pupilId: parent.pupil_id, phase: 'provisional', at: t.clock.now, origin: ORIGIN }));
    await sms('Votre code : 777777', { representativeId: parent.id, recipient: '+33799887766' });

    await workerFor({ gateway, smtpUrl: smtp.url }).drain();

    const failures = await t.database.db.selectFrom('mail_address_failure').selectAll().execute();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ representative_id: parent.id, email: parent.email });
    expect(failures[0]!.error).toContain('550');
    expect(logs.map((l) => l.message).sort()).toEqual(['SMS en échec définitif', 'courriel en échec définitif']);
  });
});

describe('sans passerelle SMS (démonstration)', () => {
  it('rien ne part : le SMS est marqué traité avec la mention, et se lit sur /dev/sms', async () => {
    const id = await sms('Votre code : 888888');
    expect(await workerFor().drain()).toMatchObject({ sent: 1 });
    const handled = await row(id);
    expect(handled.status).toBe('sent');
    expect(handled.smtp_response).toBe(SMS_JOURNAL_RESPONSE);
    const page = mainText(await (await new TestClient(t.app).get('/dev/sms')).text());
    expect(page).toContain('Aucune passerelle SMS n’est configurée');
    expect(page).toContain('Votre code : 888888');
    expect(page).toContain(SMS_JOURNAL_RESPONSE);
  });

  it('la configuration choisit le transport : la passerelle avec SMS_GATEWAY_URL, le journal sans', async () => {
    const base = { NODE_ENV: 'test', PUBLIC_ORIGIN: ORIGIN };
    expect(smsTransportFor(loadConfig(base)).kind).toBe('journal');
    expect(smsTransportFor(loadConfig({ ...base, SMS_GATEWAY_URL: 'https://sms.example.org/v1', SMS_GATEWAY_TOKEN: 'x' })).kind).toBe('http');
  });

  it('le distributeur du serveur (mailWorkerFor) envoie à la passerelle configurée par l’environnement', async () => {
    gateway = await TestSmsGateway.start();
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_ORIGIN: ORIGIN, SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'jeton-env', SMS_SENDER: 'AcExemple' });
    const worker = mailWorkerFor(t.database.db, config, () => {});
    workers.push(worker);
    // This worker keeps real time: the message is due now.
    const id = await sms('Votre code : 999999', { at: new Date(Date.now() - 1000) });
    await worker.drain();
    expect((await row(id)).status).toBe('sent');
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]!.headers.authorization).toBe('Bearer jeton-env');
    expect(gateway.requests[0]!.body).toMatchObject({ to: NUMBER, from: 'AcExemple', text: 'Votre code : 999999' });
  });
});

describe('/dev/sms et /dev/mails', () => {
  it('/dev/sms montre chaque SMS en entier, du plus récent au plus ancien, avec son état ; /dev/mails ne liste plus les SMS', async () => {
    const older = await sms('Orientation : votre code de récupération est 135790.\nIl est valable 10 minutes.', { recipient: '+33611111111' });
    t.clock.advance(60_000);
    const newer = await sms('Orientation : votre code d’activation est 246801. Il est valable 10 minutes.', { recipient: '+262692123456' });
    gateway = await TestSmsGateway.start();
    gateway.answerWith({ status: 400, body: '{"error":"numéro hors zone"}' });
    await workerFor({ gateway }).drain();
    const parent = await representativeOf('famille.aubrac.1');
    await t.database.db.transaction().execute((trx) => enqueuePublication(trx, { pupilId: parent.pupil_id, phase: 'provisional', at: t.clock.now, origin: ORIGIN }));

    const response = await new TestClient(t.app).get('/dev/sms');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(titleOf(html)).toBe('SMS du service (développement) — Orientation');
    const text = mainText(html);
    expect(text).toContain('votre code de récupération est 135790. Il est valable 10 minutes.');
    expect(text).toContain('votre code d’activation est 246801');
    expect(text.indexOf('246801')).toBeLessThan(text.indexOf('135790'));
    expect(text).toContain('+33611111111');
    expect(text).toContain('+262692123456');
    // The older one was refused (400), the newer one sent: both visible with their answer.
    const olderRow = mainText(html.match(new RegExp(`<tr id="sms-${older}">[\\s\\S]*?</tr>`))![0]);
    expect(olderRow).toContain('en échec (1 tentative)');
    expect(olderRow).toContain('numéro hors zone');
    const newerRow = mainText(html.match(new RegExp(`<tr id="sms-${newer}">[\\s\\S]*?</tr>`))![0]);
    expect(newerRow).toContain('traité (1 tentative)');
    expect(html).toContain('<a href="/dev/mails">');

    const mails = await new TestClient(t.app).get('/dev/mails');
    const mailsHtml = await mails.text();
    expect(mainText(mailsHtml)).not.toContain('135790');
    expect(mainText(mailsHtml)).not.toContain('Code d’activation');
    expect(mainText(mailsHtml)).toContain('l’avis provisoire du conseil de classe est disponible');
    expect(mailsHtml).toContain('<a href="/dev/sms">');
    // An SMS is not an e-mail: its id on /dev/mails/<n> is « page introuvable ».
    expect((await new TestClient(t.app).get(`/dev/mails/${older}`)).status).toBe(404);
    expect((await new TestClient(t.app).get(`/dev/mails/${older}/html`)).status).toBe(404);
  });

  it('/dev/sms sans aucun SMS le dit, et n’existe pas en production', async () => {
    const empty = mainText(await (await new TestClient(t.app).get('/dev/sms')).text());
    expect(empty).toContain('Aucun SMS pour l’instant.');
    const production = await createTestApp({ seed: false, env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1/x', PUBLIC_ORIGIN: 'https://o.example.org', SEED_DEMO: 'false' } });
    try {
      expect((await new TestClient(production.app).get('/dev/sms')).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe('accessibilité de /dev/sms', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('axe-core ne trouve aucune violation sur /dev/sms vide, puis avec des SMS en attente, envoyés et en échec (ni les autres contrôles de l’audit), ni sur /dev/mails', async () => {
    const page = await newPage(browser, { javaScript: true, baseUrl: server.baseUrl });
    try {
      await page.goto('/dev/sms');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('SMS du service (développement)');
      await expectNoAxeViolations(page);

      const now = new Date();
      for (const [index, status] of (['pending', 'sent', 'failed'] as const).entries()) {
        await server.database.db.transaction().execute((trx) =>
          insertSms(trx, { kind: 'verification_code', recipient: `+3361234567${index}`, representativeId: null, label: 'Code d’activation', text: `Orientation : votre code d’activation est 10000${index}.` }, now),
        );
        if (status !== 'pending') {
          const last = await server.database.db.selectFrom('mail_outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
          await server.database.db
            .updateTable('mail_outbox')
            .set(status === 'sent' ? { status, attempts: 1, smtp_response: SMS_JOURNAL_RESPONSE } : { status, attempts: 3, last_error: 'passerelle SMS : HTTP 400 {"error":"numéro refusé"}' })
            .where('id', '=', last.id)
            .execute();
        }
      }
      await page.goto('/dev/sms');
      expect(await page.getByRole('table', { name: 'SMS, du plus récent au plus ancien' }).getByRole('row').count()).toBe(4);
      expect(await page.getByRole('cell', { name: /votre code d’activation est 100002/ }).count()).toBe(1);
      await expectNoAxeViolations(page);
      // The audit's other checks (test/e2e/audit), on this state it cannot reach (it sees /dev/sms as the earlier states left it).
      const findings = [
        ...(await headingFindings(page)),
        ...(await keyboardFindings(page)),
        ...(await targetSizeFindings(page)),
        ...(await textSpacingFindings(page)),
        ...(await reflowFindings(page)),
      ];
      expect(findings).toEqual([]);

      await page.getByRole('link', { name: 'Voir les courriels du service' }).click();
      await page.waitForURL(/\/dev\/mails$/);
      await expectNoAxeViolations(page);
      expectNoPageProblems(page);
    } finally {
      await closePage(page);
    }
  });
});
