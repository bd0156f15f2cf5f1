import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINK_TTL_MS } from '../../src/domain/account-challenge.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { MailWorker } from '../../src/mail/worker.js';
import { TestSmtpServer } from '../support/smtp-server.js';
import { createTestApp, mainText, TEST_ORIGIN, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// « Mot de passe oublié ? » and « Identifiant oublié ? »: a code by SMS to the number the school
// knows, or a single-use link by e-mail (delivered here through the real local SMTP server).

let t: TestApp;
let smtp: TestSmtpServer | null = null;
let worker: MailWorker | null = null;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await smtp?.close();
  smtp = null;
  await t.close();
});

const NEW_PASSWORD = 'un nouveau mot de passe solide';

async function sophie() {
  const db = t.database.db;
  const account = await db.selectFrom('user_account').select(['id', 'representative_id']).where('login', '=', 'famille.aubrac.1').executeTakeFirstOrThrow();
  await db.updateTable('representative').set({ phone: '06 11 22 33 44' }).where('id', '=', account.representative_id!).execute();
  const person = await db.selectFrom('representative').select(['email']).where('id', '=', account.representative_id!).executeTakeFirstOrThrow();
  return { ...account, email: person.email! };
}

async function outbox(channel: 'sms' | 'email') {
  return t.database.db.selectFrom('mail_outbox').select(['id', 'recipient', 'text_body', 'kind', 'subject']).where('channel', '=', channel).orderBy('id').execute();
}

async function lastCode(): Promise<string> {
  const code = (await outbox('sms')).at(-1)?.text_body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('aucun code dans les SMS');
  return code;
}

/** The path of the link in the last recovery mail of the outbox (its origin is PUBLIC_ORIGIN). */
async function linkInOutbox(): Promise<string> {
  const mail = (await outbox('email')).filter((row) => row.kind === 'recovery_link').at(-1);
  const url = mail?.text_body.match(/https?:\/\/\S+\/recuperation\/lien\?jeton=[A-Za-z0-9_-]+/)?.[0];
  if (!url) throw new Error('aucun lien dans les courriels');
  return url.slice(TEST_ORIGIN.length);
}

describe('mot de passe oublié', () => {
  it('par SMS : le code mène au nouveau mot de passe, et toutes les autres sessions sont closes', async () => {
    await sophie();
    const phone = new TestClient(t.app);
    const laptop = new TestClient(t.app);
    await phone.login('famille.aubrac.1');
    await laptop.login('famille.aubrac.1');

    const browser = new TestClient(t.app);
    const asked = await browser.post('/mot-de-passe-oublie', { identifiant: 'Famille.Aubrac.1', canal: 'sms' });
    expect(asked.headers.get('Location')).toBe('/recuperation/code');
    const sms = await outbox('sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.recipient).toBe('+33611223344');
    // The page does not tell the number (that would tell that the identifier exists and has one).
    const codeText = mainText(await (await browser.get('/recuperation/code')).text());
    expect(codeText).not.toContain('44');
    expect(codeText).toContain('numéro de portable connu de l’établissement');

    expect((await browser.post('/recuperation/code', { code: await lastCode() })).headers.get('Location')).toBe('/recuperation/nouveau-mot-de-passe');
    expect(mainText(await (await browser.get('/recuperation/nouveau-mot-de-passe')).text())).toContain('Votre identifiant : famille.aubrac.1');
    const weak = await browser.post('/recuperation/nouveau-mot-de-passe', { mot_de_passe: 'court', confirmation: 'court' });
    expect(weak.status).toBe(422);
    expect(titleOf(await weak.text())).toMatch(/^Erreur : /);
    const flow = [...browser.cookies].filter(([name]) => name.includes('activation'));
    const done = await browser.post('/recuperation/nouveau-mot-de-passe', { mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(done.headers.get('Location')).toBe('/famille?message=mot-de-passe-modifie');
    expect(mainText(await (await browser.get('/famille?message=mot-de-passe-modifie')).text())).toContain('Votre mot de passe a été modifié.');

    for (const other of [phone, laptop]) expect((await other.get('/famille')).headers.get('Location')).toMatch(/^\/connexion/);
    expect((await new TestClient(t.app).login('famille.aubrac.1')).status).toBe(422);
    expect((await new TestClient(t.app).login('famille.aubrac.1', NEW_PASSWORD)).headers.get('Location')).toBe('/famille');
    // Spent: the same flow (its cookie copied before the end, in a browser not signed in) cannot set another password.
    const replay = new TestClient(t.app);
    for (const [name, value] of flow) replay.cookies.set(name, value);
    const again = await replay.post('/recuperation/nouveau-mot-de-passe', { mot_de_passe: 'encore un autre mot de passe', confirmation: 'encore un autre mot de passe' });
    expect(again.status).toBe(422);
    expect(mainText(await again.text())).toContain('Cette demande n’est plus valable');
  });

  it('un identifiant inconnu reçoit la même réponse, sans SMS, et aucun code ne passe', async () => {
    const browser = new TestClient(t.app);
    const asked = await browser.post('/mot-de-passe-oublie', { identifiant: 'personne.inconnue', canal: 'sms' });
    expect(asked.headers.get('Location')).toBe('/recuperation/code');
    expect(await outbox('sms')).toHaveLength(0);
    const refused = await browser.post('/recuperation/code', { code: '123456' });
    expect(refused.status).toBe(422);
    expect(mainText(await refused.text())).toContain('Le code saisi est incorrect. Il vous reste 2 essais.');
    // A pupil has no mobile number: the same answer, no SMS.
    expect((await browser.post('/mot-de-passe-oublie', { identifiant: 'eleve.aubrac', canal: 'sms' })).headers.get('Location')).toBe('/recuperation/code');
    const byMail = await browser.post('/mot-de-passe-oublie', { identifiant: 'personne.inconnue', canal: 'courriel' });
    expect(byMail.headers.get('Location')).toBe('/recuperation/courriel-envoye');
    expect(await outbox('email')).toHaveLength(0);
    expect(await outbox('sms')).toHaveLength(0);
  });

  it('par courriel : le lien reçu par le serveur SMTP local ne sert qu’une fois et ne reste pas dans l’adresse', async () => {
    const { email } = await sophie();
    const browser = new TestClient(t.app);
    const asked = await browser.post('/mot-de-passe-oublie', { identifiant: 'famille.aubrac.1', canal: 'courriel' });
    expect(asked.headers.get('Location')).toBe('/recuperation/courriel-envoye');
    expect(mainText(await (await browser.get('/recuperation/courriel-envoye')).text())).toContain('valable 30 minutes');

    smtp = await TestSmtpServer.start();
    worker = new MailWorker({ db: t.database.db, transport: smtpTransport(smtp.url), from: t.config.mailFrom, now: () => t.clock.now, random: () => 0.5 });
    const result = await worker.drain();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const received = smtp.received.find((mail) => mail.to.includes(email));
    expect(received?.subject).toBe('Orientation : choisir un nouveau mot de passe');
    const url = received!.text.match(/https?:\/\/\S+\/recuperation\/lien\?jeton=[A-Za-z0-9_-]+/)?.[0];
    expect(url).toBeDefined();
    const path = url!.slice(TEST_ORIGIN.length);

    // Opened in another browser (the mail app's): the flow moves to it, the token leaves the URL.
    const mailApp = new TestClient(t.app);
    const opened = await mailApp.get(path);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('Location')).toBe('/recuperation/nouveau-mot-de-passe');
    expect(mainText(await (await mailApp.get('/recuperation/nouveau-mot-de-passe')).text())).toContain('Votre identifiant : famille.aubrac.1');
    const reopened = await new TestClient(t.app).get(path);
    expect(reopened.status).toBe(400);
    expect(mainText(await reopened.text())).toContain('Ce lien n’est plus valable');

    expect((await mailApp.post('/recuperation/nouveau-mot-de-passe', { mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD })).headers.get('Location')).toBe(
      '/famille?message=mot-de-passe-modifie',
    );
    expect((await new TestClient(t.app).login('famille.aubrac.1', NEW_PASSWORD)).status).toBe(303);
  });

  it('le lien expire au bout de 30 minutes', async () => {
    await sophie();
    const browser = new TestClient(t.app);
    await browser.post('/mot-de-passe-oublie', { identifiant: 'famille.aubrac.1', canal: 'courriel' });
    const path = await linkInOutbox();
    t.clock.advance(LINK_TTL_MS + 1_000);
    const late = await browser.get(path);
    expect(late.status).toBe(400);
    expect(mainText(await late.text())).toContain('Ce lien n’est plus valable');
    expect((await browser.get('/recuperation/nouveau-mot-de-passe')).headers.get('Location')).toBe('/mot-de-passe-oublie?etat=expire');
  });

  it('un personnel reçoit le lien à son adresse', async () => {
    const browser = new TestClient(t.app);
    await browser.post('/mot-de-passe-oublie', { identifiant: 'chef.aubrac', canal: 'courriel' });
    const mails = (await outbox('email')).filter((row) => row.kind === 'recovery_link');
    expect(mails.map((row) => row.recipient)).toEqual(['chef.aubrac@example.org']);
    const opened = await browser.get(await linkInOutbox());
    expect(opened.headers.get('Location')).toBe('/recuperation/nouveau-mot-de-passe');
    expect((await browser.post('/recuperation/nouveau-mot-de-passe', { mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD })).headers.get('Location')).toBe(
      '/etablissement?message=mot-de-passe-modifie',
    );
  });

  it('trois demandes par heure pour un même compte, puis un refus sans message envoyé', async () => {
    await sophie();
    const browser = new TestClient(t.app);
    for (let i = 0; i < 3; i++) expect((await browser.post('/mot-de-passe-oublie', { identifiant: 'famille.aubrac.1', canal: 'sms' })).status).toBe(303);
    const refused = await browser.post('/mot-de-passe-oublie', { identifiant: 'famille.aubrac.1', canal: 'sms' });
    expect(refused.status).toBe(429);
    expect(mainText(await refused.text())).toContain('Trop de demandes');
    expect(await outbox('sms')).toHaveLength(3);
  });
});

describe('identifiant oublié', () => {
  it('par SMS : le code affiche l’identifiant, puis mène au nouveau mot de passe si on le souhaite', async () => {
    await sophie();
    const browser = new TestClient(t.app);
    const asked = await browser.post('/identifiant-oublie', { nom: 'Martin', prenom: 'Sophie', contact: '06 11 22 33 44' });
    expect(asked.headers.get('Location')).toBe('/recuperation/code');
    expect(mainText(await (await browser.get('/recuperation/code')).text())).toContain('06 •• •• •• 44');
    expect((await browser.post('/recuperation/code', { code: await lastCode() })).headers.get('Location')).toBe('/recuperation/identifiant');
    const shown = mainText(await (await browser.get('/recuperation/identifiant')).text());
    expect(shown).toContain('Votre identifiant : famille.aubrac.1');
    expect(shown).toContain('Il est à conserver puisqu’il sera demandé à chaque connexion.');
    expect(mainText(await (await browser.get('/recuperation/nouveau-mot-de-passe')).text())).toContain('Votre identifiant : famille.aubrac.1');
  });

  it('par courriel : le lien affiche l’identifiant', async () => {
    const { email } = await sophie();
    const browser = new TestClient(t.app);
    expect((await browser.post('/identifiant-oublie', { nom: 'martin', prenom: 'SOPHIE', contact: email.toUpperCase() })).headers.get('Location')).toBe('/recuperation/courriel-envoye');
    const mail = (await outbox('email')).at(-1)!;
    expect(mail.recipient).toBe(email.toLowerCase());
    expect(mail.subject).toBe('Orientation : retrouver votre identifiant');
    const opened = await browser.get(await linkInOutbox());
    expect(opened.headers.get('Location')).toBe('/recuperation/identifiant');
    expect(mainText(await (await browser.get('/recuperation/identifiant')).text())).toContain('Votre identifiant : famille.aubrac.1');
  });

  it('sans compte encore, la page le dit et mène à « Je n’ai pas de compte »', async () => {
    const browser = new TestClient(t.app);
    await browser.post('/identifiant-oublie', { nom: 'Delcourt', prenom: 'Maryse', contact: '06 12 34 56 78' });
    await browser.post('/recuperation/code', { code: await lastCode() });
    const page = await (await browser.get('/recuperation/identifiant')).text();
    expect(mainText(page)).toContain('Vous n’avez pas encore de compte.');
    expect(page).toContain('href="/activation"');
  });

  it('des informations inconnues : même réponse, aucun message', async () => {
    const browser = new TestClient(t.app);
    expect((await browser.post('/identifiant-oublie', { nom: 'Martin', prenom: 'Sophie', contact: '07 00 00 00 01' })).headers.get('Location')).toBe('/recuperation/code');
    expect((await browser.post('/identifiant-oublie', { nom: 'Martin', prenom: 'Sophie', contact: 'inconnue@example.org' })).headers.get('Location')).toBe('/recuperation/courriel-envoye');
    expect(await outbox('sms')).toHaveLength(0);
    expect(await outbox('email')).toHaveLength(0);
    const invalid = await browser.post('/identifiant-oublie', { nom: 'Martin', prenom: 'Sophie', contact: 'pas une adresse@' });
    expect(invalid.status).toBe(422);
    expect(mainText(await invalid.text())).toContain('Cette adresse électronique n’est pas valide.');
  });
});
