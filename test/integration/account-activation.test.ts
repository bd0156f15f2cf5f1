import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE_TTL_MS } from '../../src/domain/account-challenge.js';
import { createTestApp, mainText, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// « Je n'ai pas de compte »: the demo representative of the Collège Lucie Aubrac who has no account
// (Maryse Delcourt, 06 12 34 56 78, mother of Théo, born on 14/05/2012) activates hers by SMS.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const MARYSE = { nom: 'Delcourt', prenom: 'Maryse', telephone: '06 12 34 56 78' };
const PASSWORD = 'une phrase de passe bien longue';

async function smsRows() {
  return t.database.db.selectFrom('mail_outbox').select(['id', 'recipient', 'text_body', 'kind']).where('channel', '=', 'sms').orderBy('id').execute();
}

async function lastCode(): Promise<string> {
  const rows = await smsRows();
  const code = rows.at(-1)?.text_body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('aucun code dans les SMS');
  return code;
}

async function theo() {
  return t.database.db.selectFrom('pupil').select(['id']).where('first_name', '=', 'Théo').where('last_name', '=', 'Delcourt').executeTakeFirstOrThrow();
}

async function challengeCount() {
  return Number((await t.database.db.selectFrom('account_challenge').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Asks for a code and types it: the browser is then at the birth dates. */
async function throughCode(browser: TestClient, identity = MARYSE): Promise<void> {
  expect((await browser.post('/activation', identity)).headers.get('Location')).toBe('/activation/code');
  const response = await browser.post('/activation/code', { code: await lastCode() });
  expect(response.headers.get('Location')).toBe('/activation/naissances');
}

describe('« Je n’ai pas de compte » : activation par SMS', () => {
  it('le représentant reçoit un code par SMS, donne la date de naissance de son enfant, choisit son mot de passe et voit son identifiant', async () => {
    const browser = new TestClient(t.app);
    const login = mainText(await (await browser.get('/connexion')).text());
    expect(login).toContain('Je n’ai pas de compte');
    expect(login).toContain('Identifiant oublié ?');
    expect(login).toContain('Mot de passe oublié ?');

    const start = await browser.get('/activation');
    expect(start.status).toBe(200);
    const startText = mainText(await start.text());
    expect(startText).toContain('N° de téléphone portable');
    expect(startText).toContain('Pour les numéros hors France métropolitaine, merci d’indiquer l’indicatif régional.');
    expect(startText).toContain('Je ne souhaite pas utiliser de téléphone portable');

    const asked = await browser.post('/activation', MARYSE);
    expect(asked.status).toBe(303);
    expect(asked.headers.get('Location')).toBe('/activation/code');
    const sms = await smsRows();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.recipient).toBe('+33612345678');
    expect(sms[0]!.kind).toBe('verification_code');
    expect(sms[0]!.text_body).toMatch(/^Orientation : votre code d'activation est \d{6}\. Il est valable 10 minutes\./);

    const codePage = await browser.get('/activation/code');
    expect(titleOf(await codePage.clone().text())).toContain('Saisie du code d’activation reçu par SMS');
    const codeHtml = await codePage.text();
    expect(codeHtml).toContain('autocomplete="one-time-code"');
    expect(mainText(codeHtml)).toContain('06 •• •• •• 78');

    expect((await browser.post('/activation/code', { code: await lastCode() })).headers.get('Location')).toBe('/activation/naissances');
    const { id: theoId } = await theo();
    const dates = mainText(await (await browser.get('/activation/naissances')).text());
    expect(dates).toContain('Dates de naissance de vos enfants');
    expect(dates).toContain('Date de naissance de Théo');

    const checked = await browser.post('/activation/naissances', { [`naissance-${theoId}`]: '14/05/2012' });
    expect(checked.headers.get('Location')).toBe('/activation/mot-de-passe');
    const passwordPage = mainText(await (await browser.get('/activation/mot-de-passe')).text());
    expect(passwordPage).toContain('Votre identifiant : maryse.delcourt');
    expect(passwordPage).toContain('Il est à conserver puisqu’il sera demandé à chaque connexion.');
    expect(passwordPage).toContain('Confirmation du mot de passe');

    const mismatch = await browser.post('/activation/mot-de-passe', { mot_de_passe: PASSWORD, confirmation: 'autre chose' });
    expect(mismatch.status).toBe(422);
    expect(mainText(await mismatch.text())).toContain('Les deux mots de passe saisis ne sont pas identiques.');
    expect(await t.database.db.selectFrom('user_account').select('id').where('login', '=', 'maryse.delcourt').executeTakeFirst()).toBeUndefined();

    const done = await browser.post('/activation/mot-de-passe', { mot_de_passe: PASSWORD, confirmation: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe('/activation/terminee');
    const finished = mainText(await (await browser.get('/activation/terminee')).text());
    expect(finished).toContain('Votre compte est activé');
    expect(finished).toContain('maryse.delcourt');

    // Signed in: her child's orientation file is reachable.
    expect(mainText(await (await browser.get('/famille')).text())).toContain('Théo Delcourt');
    expect((await browser.get(`/orientation/${theoId}`)).status).toBe(200);
    const history = await t.database.db.selectFrom('history').select(['action', 'actor_name']).where('pupil_id', '=', theoId).where('action', '=', 'activateAccountBySms').execute();
    expect(history).toEqual([{ action: 'activateAccountBySms', actor_name: 'Maryse Delcourt' }]);

    // And she signs in again with her identifier and the password she chose.
    expect((await new TestClient(t.app).login('maryse.delcourt', PASSWORD)).headers.get('Location')).toBe('/famille');
  });

  it('le nom et le numéro se saisissent comme on les tape : accents, majuscules, indicatif', async () => {
    const browser = new TestClient(t.app);
    await throughCode(browser, { nom: 'DELCOURT', prenom: 'maryse', telephone: '+33 6 12 34 56 78' });
  });

  it('des informations inconnues reçoivent la même réponse, sans SMS, et le code est refusé comme un mauvais code', async () => {
    const known = new TestClient(t.app);
    await known.post('/activation', MARYSE);
    const knownText = mainText(await (await known.get('/activation/code')).text());

    const stranger = new TestClient(t.app);
    const asked = await stranger.post('/activation', { ...MARYSE, prenom: 'Sylvie' });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('Location')).toBe('/activation/code');
    expect(mainText(await (await stranger.get('/activation/code')).text())).toBe(knownText);
    expect(await smsRows()).toHaveLength(1);

    // Even Maryse's real code does nothing for a decoy.
    const refused = await stranger.post('/activation/code', { code: await lastCode() });
    expect(refused.status).toBe(422);
    expect(mainText(await refused.text())).toContain('Le code saisi est incorrect. Il vous reste 2 essais.');
    const wrongKnown = await known.post('/activation/code', { code: (Number(await lastCode()) + 1).toString().padStart(6, '0').slice(-6) });
    expect(mainText(await wrongKnown.text())).toContain('Le code saisi est incorrect. Il vous reste 2 essais.');

    // A number that is not a mobile is a field error, and nothing is written.
    const before = await challengeCount();
    const landline = await stranger.post('/activation', { ...MARYSE, telephone: '01 23 45 67 89' });
    expect(landline.status).toBe(422);
    expect(titleOf(await landline.clone().text())).toMatch(/^Erreur : /);
    expect(mainText(await landline.text())).toContain('Ce numéro n’est pas un numéro de téléphone portable.');
    expect(await challengeCount()).toBe(before);
  });

  it('après trois mauvais codes, le code n’est plus valable, même le bon', async () => {
    const browser = new TestClient(t.app);
    await browser.post('/activation', MARYSE);
    const code = await lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    expect(mainText(await (await browser.post('/activation/code', { code: wrong })).text())).toContain('Il vous reste 2 essais.');
    expect(mainText(await (await browser.post('/activation/code', { code: wrong })).text())).toContain('Il vous reste 1 essai.');
    const third = await browser.post('/activation/code', { code: wrong });
    expect(third.status).toBe(422);
    expect(mainText(await third.text())).toContain('Ce code n’est plus valable. Demandez un nouveau code, ou contactez l’établissement de votre enfant.');
    const right = await browser.post('/activation/code', { code });
    expect(right.status).toBe(422);
    expect(mainText(await right.text())).toContain('Ce code n’est plus valable.');
    expect(mainText(await (await browser.get('/activation/naissances')).text())).toContain('Ce code n’est plus valable.');
  });

  it('un code expire au bout de 10 minutes', async () => {
    const browser = new TestClient(t.app);
    await browser.post('/activation', MARYSE);
    t.clock.advance(CODE_TTL_MS + 1_000);
    const late = await browser.post('/activation/code', { code: await lastCode() });
    expect(late.status).toBe(422);
    expect(mainText(await late.text())).toContain('Ce code n’est plus valable.');
  });

  it('une activation terminée ne se rejoue pas : ni le mot de passe, ni le code', async () => {
    const browser = new TestClient(t.app);
    await throughCode(browser);
    const { id: theoId } = await theo();
    await browser.post('/activation/naissances', { [`naissance-${theoId}`]: '2012-05-14' });
    const flow = new Map(browser.cookies);
    const code = await lastCode();
    expect((await browser.post('/activation/mot-de-passe', { mot_de_passe: PASSWORD, confirmation: PASSWORD })).headers.get('Location')).toBe('/activation/terminee');

    // Another browser holding the same flow cookie (copied before the end), not signed in.
    const replay = new TestClient(t.app);
    for (const [name, value] of flow) if (name.includes('activation')) replay.cookies.set(name, value);
    const again = await replay.post('/activation/mot-de-passe', { mot_de_passe: 'un tout autre mot de passe', confirmation: 'un tout autre mot de passe' });
    expect(again.status).toBe(422);
    expect(mainText(await again.text())).toContain('Ce code n’est plus valable.');
    const codeAgain = await replay.post('/activation/code', { code });
    expect(codeAgain.status).toBe(422);
    expect((await new TestClient(t.app).login('maryse.delcourt', 'un tout autre mot de passe')).status).toBe(422);
  });

  it('une mauvaise date de naissance est refusée sans dire laquelle ; après trois essais, la demande est close', async () => {
    const browser = new TestClient(t.app);
    await throughCode(browser);
    const { id: theoId } = await theo();
    const field = `naissance-${theoId}`;
    const invalid = await browser.post('/activation/naissances', { [field]: '31/02/2012' });
    expect(invalid.status).toBe(422);
    expect(mainText(await invalid.text())).toContain('La date de naissance de Théo n’est pas une date valide');
    for (let attempt = 1; attempt <= 2; attempt++) {
      const wrong = await browser.post('/activation/naissances', { [field]: '15/05/2012' });
      expect(wrong.status).toBe(422);
      expect(mainText(await wrong.text())).toContain('Une date de naissance ne correspond pas. Vérifiez-les, ou contactez l’établissement.');
    }
    const last = await browser.post('/activation/naissances', { [field]: '16/05/2012' });
    expect(last.status).toBe(422);
    expect(mainText(await last.text())).toContain('Une date de naissance ne correspond pas.');
    const right = await browser.post('/activation/naissances', { [field]: '14/05/2012' });
    expect(right.headers.get('Location')).toBeNull();
    expect(mainText(await (await browser.get('/activation/mot-de-passe')).text())).not.toContain('Votre identifiant');
    expect(await t.database.db.selectFrom('user_account').select('id').where('login', '=', 'maryse.delcourt').executeTakeFirst()).toBeUndefined();
  });

  it('sans date de naissance connue de l’établissement, la démarche renvoie vers l’établissement', async () => {
    const { id: theoId } = await theo();
    await t.database.db.updateTable('pupil').set({ birth_date: null }).where('id', '=', theoId).execute();
    const browser = new TestClient(t.app);
    await throughCode(browser);
    const page = await browser.get('/activation/naissances');
    expect(mainText(await page.text())).toContain('Contactez l’établissement de votre enfant');
  });

  it('trois demandes par heure et cinq par jour pour un numéro, connu ou non ; au-delà, ni code ni SMS', async () => {
    for (const identity of [MARYSE, { nom: 'Personne', prenom: 'Inconnue', telephone: '07 99 88 77 66' }]) {
      const browser = new TestClient(t.app);
      const sentBefore = (await smsRows()).length;
      for (let i = 0; i < 3; i++) expect((await browser.post('/activation', identity)).status).toBe(303);
      const challenges = await challengeCount();
      const refused = await browser.post('/activation', identity);
      expect(refused.status).toBe(429);
      expect(mainText(await refused.text())).toContain('Trop de demandes de code pour ce numéro. Réessayez plus tard ou contactez l’établissement de votre enfant.');
      expect(await challengeCount()).toBe(challenges);
      expect((await smsRows()).length - sentBefore).toBe(identity === MARYSE ? 3 : 0);
      t.clock.advance(61 * 60 * 1000);
      expect((await browser.post('/activation', identity)).status).toBe(303);
      expect((await browser.post('/activation', identity)).status).toBe(303);
      // Five in 24 hours.
      expect((await browser.post('/activation', identity)).status).toBe(429);
      t.clock.advance(61 * 60 * 1000);
      expect((await browser.post('/activation', identity)).status).toBe(429);
      t.clock.advance(24 * 60 * 60 * 1000);
    }
  });

  it('dix demandes par heure depuis une même adresse, quels que soient les numéros', async () => {
    const browser = new TestClient(t.app);
    for (let i = 0; i < 10; i++) {
      expect((await browser.post('/activation', { nom: 'Essai', prenom: 'Numéro', telephone: `06 00 00 00 ${String(i).padStart(2, '0')}` })).status).toBe(303);
    }
    const refused = await browser.post('/activation', MARYSE);
    expect(refused.status).toBe(429);
    expect(mainText(await refused.text())).toContain('Trop de demandes de code depuis cette connexion.');
    expect(await smsRows()).toHaveLength(0);
  });

  it('un représentant qui a déjà un compte garde son identifiant, et ses autres sessions sont closes', async () => {
    const db = t.database.db;
    const sophie = await db.selectFrom('user_account').select(['id', 'representative_id']).where('login', '=', 'famille.aubrac.1').executeTakeFirstOrThrow();
    await db.updateTable('representative').set({ phone: '0611223344' }).where('id', '=', sophie.representative_id!).execute();
    const lea = await db.selectFrom('pupil').select('id').where('first_name', '=', 'Léa').where('last_name', '=', 'Martin').executeTakeFirstOrThrow();
    await db.updateTable('pupil').set({ birth_date: '2012-09-03' }).where('id', '=', lea.id).execute();
    const elsewhere = new TestClient(t.app);
    await elsewhere.login('famille.aubrac.1');
    expect((await elsewhere.get('/famille')).status).toBe(200);

    const browser = new TestClient(t.app);
    await throughCode(browser, { nom: 'Martin', prenom: 'Sophie', telephone: '06 11 22 33 44' });
    await browser.post('/activation/naissances', { [`naissance-${lea.id}`]: '03/09/2012' });
    expect(mainText(await (await browser.get('/activation/mot-de-passe')).text())).toContain('Votre identifiant : famille.aubrac.1');
    expect((await browser.post('/activation/mot-de-passe', { mot_de_passe: PASSWORD, confirmation: PASSWORD })).headers.get('Location')).toBe('/activation/terminee');
    expect((await elsewhere.get('/famille')).headers.get('Location')).toMatch(/^\/connexion/);
    expect((await new TestClient(t.app).login('famille.aubrac.1', PASSWORD)).headers.get('Location')).toBe('/famille');
    expect(await db.selectFrom('user_account').select('id').where('representative_id', '=', sophie.representative_id!).execute()).toHaveLength(1);
  });

  it('une étape sautée renvoie au début, et une personne connectée est renvoyée à son accueil', async () => {
    const browser = new TestClient(t.app);
    for (const path of ['/activation/code', '/activation/naissances', '/activation/mot-de-passe']) {
      expect((await browser.get(path)).headers.get('Location')).toBe('/activation?etat=expire');
    }
    expect(mainText(await (await browser.get('/activation?etat=expire')).text())).toContain('Recommencez depuis le début');
    await browser.post('/activation', MARYSE);
    expect((await browser.get('/activation/naissances')).headers.get('Location')).toBe('/activation/code');

    const signed = new TestClient(t.app);
    await signed.login('famille.aubrac.1');
    expect((await signed.get('/activation')).headers.get('Location')).toBe('/famille');
    expect((await signed.post('/activation', MARYSE)).headers.get('Location')).toBe('/famille');
  });
});
