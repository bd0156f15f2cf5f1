import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { MAX_FAILURES_PER_LOGIN, THROTTLE_LOCK_MS } from '../../src/auth/throttle.js';
import { createTestApp, mainText, TEST_ORIGIN, TestClient, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const client = () => new TestClient(t.app);

describe('connexion', () => {
  it('le bon mot de passe mène le représentant à la liste de ses enfants', async () => {
    const browser = client();
    const response = await browser.login('famille.aubrac.1');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/famille');
    const home = await browser.get('/famille');
    expect(home.status).toBe(200);
    const text = mainText(await home.text());
    expect(text).toContain('Mes enfants');
    expect(text).toContain('Léa Martin');
  });

  it('chaque rôle arrive sur son accueil', async () => {
    for (const [login, home, expected] of [
      ['eleve.aubrac', '/eleve', 'Orientation de Léa Martin'],
      ['chef.zay', '/etablissement', 'Collège Jean Zay'],
      ['admin.academie', '/academie', 'Lycée Victor Hugo'],
    ] as const) {
      const browser = client();
      const response = await browser.login(login);
      expect(response.headers.get('Location')).toBe(home);
      expect(mainText(await (await browser.get(home)).text())).toContain(expected);
    }
  });

  it('l’identifiant est reconnu quelle que soit la casse ou les espaces', async () => {
    const response = await client().login('  Famille.Aubrac.1 ');
    expect(response.headers.get('Location')).toBe('/famille');
  });

  it('un mauvais mot de passe est refusé sans dire quel champ est faux', async () => {
    const wrongPassword = await client().login('famille.aubrac.1', 'mauvais');
    const unknownLogin = await client().login('personne.inconnue', 'orientation');
    expect(wrongPassword.status).toBe(422);
    const wrongHtml = await wrongPassword.text();
    const unknownHtml = await unknownLogin.text();
    expect(titleOf(wrongHtml)).toMatch(/^Erreur : Connexion/);
    expect(mainText(wrongHtml)).toContain('Identifiant ou mot de passe incorrect.');
    // The two failures read the same: nothing tells whether the account exists.
    expect(mainText(unknownHtml).replace('personne.inconnue', '')).toBe(mainText(wrongHtml).replace('famille.aubrac.1', ''));
    expect(wrongHtml).toContain('role="alert"');
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('des champs vides sont signalés champ par champ, en français', async () => {
    const response = await client().post('/connexion', { identifiant: '', mot_de_passe: '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(mainText(html)).toContain('Saisissez votre identifiant.');
    expect(mainText(html)).toContain('Saisissez votre mot de passe.');
    expect(html).toContain('aria-describedby="identifiant-erreur"');
    expect(html).toContain('href="#mot_de_passe"');
  });

  it('après des échecs répétés, la connexion est suspendue même avec le bon mot de passe, puis rétablie', async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_LOGIN; attempt++) {
      expect((await client().login('famille.aubrac.1', `essai-${attempt}`)).status).toBe(422);
    }
    const locked = await client().login('FAMILLE.aubrac.1', 'orientation');
    expect(locked.status).toBe(429);
    expect(mainText(await locked.text())).toContain('Trop de tentatives de connexion');
    // Another account is not affected.
    expect((await client().login('famille.aubrac.2')).status).toBe(303);

    t.clock.advance(THROTTLE_LOCK_MS + 1000);
    expect((await client().login('famille.aubrac.1')).headers.get('Location')).toBe('/famille');
  });

  it('les compteurs d’échecs sont en base : une autre instance du service les voit', async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_LOGIN; attempt++) await client().login('famille.zay.1', 'faux');
    const rows = await t.database.db.selectFrom('login_throttle').selectAll().where('key', '=', 'login:famille.zay.1').execute();
    expect(rows[0]?.failures).toBe(MAX_FAILURES_PER_LOGIN);
    expect(rows[0]?.locked_until).not.toBeNull();
  });
});

describe('mot de passe provisoire', () => {
  async function provisionalAccount() {
    await t.database.db
      .updateTable('user_account')
      .set({ password_hash: await hashPassword('provisoire-123'), must_change_password: true })
      .where('login', '=', 'famille.zay.2')
      .execute();
  }

  it('oblige à choisir un nouveau mot de passe avant toute autre page', async () => {
    await provisionalAccount();
    const browser = client();
    const response = await browser.login('famille.zay.2', 'provisoire-123');
    expect(response.headers.get('Location')).toBe('/mot-de-passe');
    const elsewhere = await browser.get('/famille');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('Location')).toBe('/mot-de-passe');
    const page = await browser.get('/mot-de-passe');
    expect(mainText(await page.text())).toContain('Choisir un nouveau mot de passe');

    const tooShort = await browser.post('/mot-de-passe', { nouveau_mot_de_passe: 'court', confirmation: 'court' });
    expect(tooShort.status).toBe(422);
    expect(mainText(await tooShort.text())).toContain('au moins 12 caractères');

    const mismatch = await browser.post('/mot-de-passe', { nouveau_mot_de_passe: 'trois petits chats', confirmation: 'trois petits chiens' });
    expect(mainText(await mismatch.text())).toContain('ne sont pas identiques');

    const done = await browser.post('/mot-de-passe', { nouveau_mot_de_passe: 'trois petits chats', confirmation: 'trois petits chats' });
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe('/famille?message=mot-de-passe-modifie');
    const home = await browser.get('/famille?message=mot-de-passe-modifie');
    expect(mainText(await home.text())).toContain('Votre mot de passe a été modifié.');

    expect((await client().login('famille.zay.2', 'provisoire-123')).status).toBe(422);
    expect((await client().login('famille.zay.2', 'trois petits chats')).headers.get('Location')).toBe('/famille');
  });

  it('un mot de passe trop courant est refusé', async () => {
    await provisionalAccount();
    const browser = client();
    await browser.login('famille.zay.2', 'provisoire-123');
    const response = await browser.post('/mot-de-passe', { nouveau_mot_de_passe: 'azerty123456', confirmation: 'azerty123456' });
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('trop courant');
  });
});

describe('sessions', () => {
  it('la déconnexion invalide la session côté serveur : rejouer l’ancien cookie échoue', async () => {
    const browser = client();
    await browser.login('famille.aubrac.1');
    const stolen = new Map(browser.cookies);
    const logout = await browser.post('/deconnexion', {});
    expect(logout.headers.get('Location')).toBe('/connexion?deconnecte');
    expect(browser.cookies.size).toBe(0);

    const replay = new TestClient(t.app);
    for (const [name, value] of stolen) replay.cookies.set(name, value);
    const response = await replay.get('/famille');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/connexion');
  });

  it('un cookie forgé, ou portant le secret d’une autre session, est refusé', async () => {
    const alice = client();
    await alice.login('famille.aubrac.1');
    const bob = client();
    await bob.login('famille.aubrac.2');
    const [name, aliceToken] = [...alice.cookies][0]!;
    const bobToken = bob.cookies.get(name)!;
    const [aliceId] = aliceToken.split('.');
    const [, bobSecret] = bobToken.split('.');

    for (const forged of [`${aliceId}.${bobSecret}`, `${aliceId}.aaaaaaaaaaaaaaaaaaaaaaaa`, 'nimportequoi', `${aliceToken}.x`]) {
      const intruder = new TestClient(t.app);
      intruder.cookies.set(name, forged);
      const response = await intruder.get('/famille');
      expect(response.status, forged).toBe(303);
    }
    expect((await alice.get('/famille')).status).toBe(200);
  });

  it('une nouvelle session est créée à chaque connexion (pas de fixation de session)', async () => {
    const browser = client();
    await browser.login('famille.aubrac.1');
    const first = [...browser.cookies.values()][0];
    await browser.login('famille.aubrac.1');
    const second = [...browser.cookies.values()][0];
    expect(second).not.toBe(first);
    const replay = new TestClient(t.app);
    replay.cookies.set([...browser.cookies.keys()][0]!, first!);
    expect((await replay.get('/famille')).status).toBe(303);
  });

  it('la session expire après deux heures sans activité', async () => {
    const browser = client();
    await browser.login('famille.aubrac.1');
    t.clock.advance(90 * 60 * 1000);
    expect((await browser.get('/famille')).status).toBe(200);
    t.clock.advance(90 * 60 * 1000);
    expect((await browser.get('/famille')).status).toBe(200);
    t.clock.advance(2 * 60 * 60 * 1000 + 1);
    expect((await browser.get('/famille')).status).toBe(303);
  });

  it('changer son mot de passe déconnecte les autres appareils', async () => {
    const phone = client();
    await phone.login('famille.hugo.1');
    const computer = client();
    await computer.login('famille.hugo.1');
    const changed = await computer.post('/mot-de-passe', {
      mot_de_passe_actuel: 'orientation',
      nouveau_mot_de_passe: 'un mot de passe assez long',
      confirmation: 'un mot de passe assez long',
    });
    expect(changed.status).toBe(303);
    expect((await computer.get('/famille')).status).toBe(200);
    expect((await phone.get('/famille')).status).toBe(303);
  });

  it('le cookie de session est HttpOnly et SameSite=Lax', async () => {
    const response = await client().login('famille.aubrac.1');
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });
});

describe('droits d’accès aux accueils', () => {
  it('un visiteur non connecté est renvoyé vers la connexion', async () => {
    for (const path of ['/famille', '/eleve', '/etablissement', '/academie', '/orientation/1']) {
      const response = await client().get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('Location')).toBe('/connexion');
    }
  });

  it('un représentant ne voit pas l’enfant d’une autre famille ni l’espace établissement', async () => {
    const browser = client();
    await browser.login('famille.aubrac.1');
    const otherChild = await t.database.db
      .selectFrom('pupil')
      .select('id')
      .where('first_name', '=', 'Hugo')
      .where('last_name', '=', 'Petit')
      .executeTakeFirstOrThrow();
    for (const path of [`/orientation/${otherChild.id}`, '/orientation/999999', '/orientation/abc', '/etablissement', '/academie']) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(404);
      expect(mainText(await response.text())).toContain('Page introuvable');
    }
  });
});

describe('protection CSRF', () => {
  it('un formulaire posté depuis un autre site est refusé et ne change rien', async () => {
    const browser = client();
    await browser.login('famille.aubrac.1');
    const forged = await browser.post('/deconnexion', {}, { Origin: 'https://pirate.example' });
    expect(forged.status).toBe(403);
    expect(mainText(await forged.text())).toContain('Demande refusée');
    expect((await browser.get('/famille')).status).toBe(200);
  });

  it('un formulaire sans origine ni Sec-Fetch-Site est refusé', async () => {
    const response = await t.app.request(`${TEST_ORIGIN}/connexion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'identifiant=famille.aubrac.1&mot_de_passe=orientation',
    });
    expect(response.status).toBe(403);
  });

  it('Sec-Fetch-Site: same-origin suffit', async () => {
    const response = await t.app.request(`${TEST_ORIGIN}/connexion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: 'identifiant=famille.aubrac.1&mot_de_passe=orientation',
    });
    expect(response.status).toBe(303);
  });
});
