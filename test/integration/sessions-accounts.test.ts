import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_LOGIN, normaliseLogin } from '../../src/auth/throttle.js';
import { COMMON_PASSWORDS } from '../../src/domain/common-passwords.js';
import { checkNewPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../src/domain/password-policy.js';
import { createTestApp, mainText, signedIn, TestClient, type TestApp } from '../support/test-app.js';

// Sessions and accounts: a session planted before login is never promoted, a new password signs
// every other device out, the login throttle cannot be dodged by writing the identifier another
// way, the password policy follows ANSSI, and the login's duration does not tell which accounts exist.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const COOKIE = 'orientation_session';
const sessionsOf = async (login: string) =>
  (
    await t.database.db
      .selectFrom('session')
      .innerJoin('user_account', 'user_account.id', 'session.user_id')
      .select('session.id')
      .where('user_account.login', '=', login)
      .execute()
  ).map((row) => row.id);

describe('fixation de session', () => {
  it('un cookie planté avant la connexion (la session d’un autre compte, ou un jeton inventé) n’est jamais promu', async () => {
    const attacker = await signedIn(t, 'famille.zay.1');
    const planted = attacker.cookies.get(COOKIE)!;
    const invented = `${'a'.repeat(24)}.${'b'.repeat(24)}`;

    for (const token of [planted, invented]) {
      const victim = new TestClient(t.app);
      victim.cookies.set(COOKIE, token);
      const response = await victim.login('famille.aubrac.1');
      expect(response.status).toBe(303);
      expect(response.headers.get('Location')).toBe('/famille');
      const issued = victim.cookies.get(COOKIE)!;
      expect(issued).not.toBe(token);
      expect(issued.split('.')[0]).not.toBe(token.split('.')[0]);
      const setCookie = response.headers.getSetCookie().find((header) => header.startsWith(`${COOKIE}=${issued}`))!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\//i);

      // The planted token opens nothing of the victim's.
      const replay = new TestClient(t.app);
      replay.cookies.set(COOKIE, token);
      const home = await replay.get('/famille');
      expect(home.status).toBe(303);
      expect(home.headers.get('Location')).toBe('/connexion');
    }
    // The victim's session ids are all server-made, none is the planted one.
    expect(await sessionsOf('famille.aubrac.1')).not.toContain(planted.split('.')[0]);
    expect(await sessionsOf('famille.aubrac.1')).not.toContain('a'.repeat(24));
  });
});

describe('changement de mot de passe', () => {
  it('déconnecte tous les appareils, y compris la session qui le fait, remplacée par une nouvelle', async () => {
    const laptop = await signedIn(t, 'famille.hugo.1');
    const phone = await signedIn(t, 'famille.hugo.1');
    const tablet = await signedIn(t, 'famille.hugo.1');
    const otherAccount = await signedIn(t, 'famille.hugo.2');
    expect(await sessionsOf('famille.hugo.1')).toHaveLength(3);
    const oldLaptopToken = laptop.cookies.get(COOKIE)!;

    const changed = await laptop.post('/mot-de-passe', { mot_de_passe_actuel: 'orientation', nouveau_mot_de_passe: 'une phrase que je retiens', confirmation: 'une phrase que je retiens' });
    expect(changed.status).toBe(303);
    expect(laptop.cookies.get(COOKIE)).not.toBe(oldLaptopToken);
    expect((await laptop.get('/famille')).status).toBe(200);

    for (const device of [phone, tablet]) {
      const response = await device.get('/famille');
      expect(response.status).toBe(303);
      expect(response.headers.get('Location')).toBe('/connexion');
    }
    const replay = new TestClient(t.app);
    replay.cookies.set(COOKIE, oldLaptopToken);
    expect((await replay.get('/famille')).status).toBe(303);
    expect(await sessionsOf('famille.hugo.1')).toHaveLength(1);
    // Another account's sessions are untouched.
    expect((await otherAccount.get('/famille')).status).toBe(200);
  });

  it('un mot de passe refusé ne change rien : ni le mot de passe, ni les sessions', async () => {
    const laptop = await signedIn(t, 'famille.hugo.1');
    const phone = await signedIn(t, 'famille.hugo.1');
    const before = await t.database.db.selectFrom('user_account').select(['password_hash', 'password_changed_at']).where('login', '=', 'famille.hugo.1').executeTakeFirstOrThrow();
    for (const candidate of ['Soleil2027!!', 'motdepasse123', 'abcabcabcabc', 'court', 'famille.hugo.1 et moi']) {
      const response = await laptop.post('/mot-de-passe', { mot_de_passe_actuel: 'orientation', nouveau_mot_de_passe: candidate, confirmation: candidate });
      expect(response.status, candidate).toBe(422);
      expect(mainText(await response.text()), candidate).toMatch(/trop courant|au moins 12 caractères|identifiant/);
    }
    expect(await t.database.db.selectFrom('user_account').select(['password_hash', 'password_changed_at']).where('login', '=', 'famille.hugo.1').executeTakeFirstOrThrow()).toEqual(before);
    expect((await phone.get('/famille')).status).toBe(200);
  });
});

// An identifier as a person may type it: any case, spaces anywhere (unicode ones too), fullwidth letters.
const SPACES = [' ', '\t', '\u00A0', '\u2003', '\u3000', '\u202F'];
const variantOf = (login: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: login.length, maxLength: login.length }),
      fc.array(fc.boolean(), { minLength: login.length, maxLength: login.length }),
      fc.array(fc.tuple(fc.nat({ max: login.length }), fc.constantFrom(...SPACES)), { maxLength: 4 }),
    )
    .map(([upper, fullwidth, spaces]) => {
      const characters = [...login].map((character, index) => {
        let c = upper[index] ? character.toUpperCase() : character;
        if (fullwidth[index] && /[a-z0-9.]/i.test(c)) c = String.fromCharCode(c.charCodeAt(0) + 0xfee0);
        return c;
      });
      for (const [position, space] of spaces.sort((a, b) => b[0] - a[0])) characters.splice(position, 0, space);
      return characters.join('');
    });

describe('limitation des tentatives de connexion', () => {
  it('toutes les façons d’écrire un identifiant désignent le même compte et le même compteur', () => {
    fc.assert(
      fc.property(variantOf('famille.aubrac.1'), (variant) => {
        expect(normaliseLogin(variant)).toBe('famille.aubrac.1');
      }),
      { numRuns: 300 },
    );
  });

  it('cinq échecs sous cinq graphies différentes suspendent le compte, même avec le bon mot de passe', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(variantOf('famille.aubrac.1'), { minLength: MAX_FAILURES_PER_LOGIN + 1, maxLength: MAX_FAILURES_PER_LOGIN + 1 }), async (variants) => {
        await t.database.db.deleteFrom('login_throttle').execute();
        // Any of these spellings signs in while the account is not locked…
        const first = await new TestClient(t.app).login(variants[0]!);
        expect(first.status, JSON.stringify(variants[0])).toBe(303);
        for (const variant of variants.slice(1)) {
          expect((await new TestClient(t.app).login(variant, 'pas le bon')).status, JSON.stringify(variant)).toBe(422);
        }
        // …and all of them count against the same account.
        const locked = await new TestClient(t.app).login('famille.aubrac.1');
        expect(locked.status).toBe(429);
        expect(mainText(await locked.text())).toContain('Trop de tentatives de connexion');
        expect((await new TestClient(t.app).login(variants[0]!)).status).toBe(429);
      }),
      { numRuns: 3 },
    );
  });
});

describe('politique de mot de passe (ANSSI)', () => {
  const context = { login: 'famille.aubrac.1' };

  it('la longueur compte, pas la composition : une phrase en minuscules passe, un mot court et compliqué non', () => {
    for (const accepted of ['trois petits chats', 'correct horse battery staple', 'un mot de passe assez long', 'J’aime le café noir le matin', 'x'.repeat(6) + 'yzwvut']) {
      expect(checkNewPassword(accepted, context), accepted).toBeNull();
    }
    expect(checkNewPassword('Xk7#pL!q9', context)?.message).toContain(`au moins ${MIN_PASSWORD_LENGTH} caractères`);
    expect(checkNewPassword('a b c d e f g h i j k l'.repeat(20), context)?.message).toContain(`au plus ${MAX_PASSWORD_LENGTH} caractères`);
  });

  it('les mots de passe les plus courants sont refusés, même décorés de chiffres, de signes ou de majuscules', () => {
    for (const common of COMMON_PASSWORDS.filter((password) => [...password].length >= MIN_PASSWORD_LENGTH)) {
      expect(checkNewPassword(common, context)?.message, common).toContain('trop courant');
      expect(checkNewPassword(common.toUpperCase(), context)?.message, common).toContain('trop courant');
    }
    for (const decorated of ['Soleil2027!!', 'M0tdep@sse-2027', 'P@ssw0rd12345', 'azerty123456', '123456azerty', 'Marseille13013', 'jetaimemaman1', 'Orientation2027', '!!!Bonjour!!!', '2027-2028-2029', 'abcabcabcabc', 'soleilsoleil', 'qsdfghjklmwx', '0000000000000', 'ÉcoleÉcole2027']) {
      expect(checkNewPassword(decorated, context)?.message, decorated).toContain('trop courant');
    }
  });

  it('l’identifiant, même écrit autrement, et l’ancien mot de passe sont refusés', () => {
    expect(checkNewPassword('Famille.Aubrac.1 !!', context)?.message).toContain('identifiant');
    expect(checkNewPassword('moi famille aubrac.1 ici', context)?.message).toContain('identifiant');
    expect(checkNewPassword('une phrase que je retiens', { ...context, currentPassword: 'une phrase que je retiens' })?.message).toContain('différent');
  });
});

describe('aucune énumération des comptes par la durée de la connexion', () => {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };

  it('un identifiant connu et un identifiant inconnu prennent le même temps (le hachage a lieu dans les deux cas)', async () => {
    const TRIES = 24;
    const known: number[] = [];
    const unknown: number[] = [];
    const attempt = async (login: string) => {
      await t.database.db.deleteFrom('login_throttle').execute();
      const started = performance.now();
      const response = await new TestClient(t.app).login(login, 'pas le bon mot de passe');
      const elapsed = performance.now() - started;
      expect(response.status).toBe(422);
      return elapsed;
    };
    // Warm up (the decoy hash is made once), then alternate the order so that drift cancels out.
    await attempt('famille.aubrac.1');
    await attempt('personne.inconnue.0');
    for (let i = 0; i < TRIES; i++) {
      if (i % 2 === 0) {
        known.push(await attempt('famille.aubrac.1'));
        unknown.push(await attempt(`personne.inconnue.${i}`));
      } else {
        unknown.push(await attempt(`personne.inconnue.${i}`));
        known.push(await attempt('famille.aubrac.1'));
      }
    }
    const [knownMs, unknownMs] = [median(known), median(unknown)];
    console.log(`connexion refusée, médiane sur ${TRIES} essais : identifiant connu ${knownMs.toFixed(1)} ms, inconnu ${unknownMs.toFixed(1)} ms (écart ${(unknownMs - knownMs).toFixed(1)} ms)`);
    // Without the decoy hash an unknown identifier would answer in a fraction of the time (no scrypt):
    // both medians stay within noise of each other, generous bounds for a loaded machine.
    expect(unknownMs).toBeGreaterThan(knownMs * 0.6);
    expect(Math.abs(unknownMs - knownMs)).toBeLessThan(Math.max(20, knownMs * 0.4));
  }, 120_000);
});
