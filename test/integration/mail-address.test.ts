import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closePage, expectNoAxeViolations, expectNoPageProblems, launchBrowser, login, navigation, newPage } from '../support/browser.js';
import { startE2EServer, type E2EServer } from '../support/e2e-server.js';
import { createTestApp, mainText, TestClient, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function representativeOf(login: string) {
  return t.database.db
    .selectFrom('user_account as a')
    .innerJoin('representative as r', 'r.id', 'a.representative_id')
    .select(['r.id', 'r.email'])
    .where('a.login', '=', login)
    .executeTakeFirstOrThrow();
}

async function signedIn(login: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  expect((await client.login(login)).status).toBe(303);
  return client;
}

/** The link of the last confirmation mail, as the path and query the person opens. */
async function lastConfirmationLink(): Promise<{ path: string; token: string; mail: { recipient: string; text_body: string; subject: string } }> {
  const mail = await t.database.db
    .selectFrom('mail_outbox')
    .select(['recipient', 'text_body', 'subject'])
    .where('kind', '=', 'address_confirmation')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const url = new URL(mail.text_body.match(/https?:\/\/\S+\/fiche-de-renseignements\/confirmer\?jeton=\S+/)![0]);
  return { path: `${url.pathname}${url.search}`, token: url.searchParams.get('jeton')!, mail };
}

describe('la fiche de renseignements et l’adresse électronique', () => {
  it('un représentant voit sa fiche ; un visiteur non connecté est renvoyé à la connexion', async () => {
    const client = await signedIn('famille.aubrac.1');
    const page = await client.get('/fiche-de-renseignements');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(titleOf(html)).toBe('Fiche de renseignements — Orientation');
    expect(mainText(html)).toContain('Sophie');
    expect(mainText(html)).toContain((await representativeOf('famille.aubrac.1')).email!);
    const anonymous = await new TestClient(t.app).get('/fiche-de-renseignements');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/connexion');
  });

  it('une adresse mal saisie est refusée avec un message relié au champ, rien n’est envoyé', async () => {
    const client = await signedIn('famille.aubrac.1');
    const response = await client.post('/fiche-de-renseignements', { adresse: 'sophie.martin@' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(titleOf(html)).toBe('Erreur : Fiche de renseignements — Orientation');
    expect(html).toContain('href="#adresse"');
    expect(html).toMatch(/aria-describedby="adresse-aide adresse-erreur"/);
    expect(html).toContain('value="sophie.martin@"');
    expect(mainText(html)).toContain('Saisissez une adresse électronique valide');
    expect(await t.database.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(0);
  });

  it('la nouvelle adresse n’est enregistrée qu’après confirmation par le lien envoyé à cette adresse', async () => {
    const before = await representativeOf('famille.aubrac.1');
    const client = await signedIn('famille.aubrac.1');
    const posted = await client.post('/fiche-de-renseignements', { adresse: ' sophie.nouvelle@example.org ' });
    expect(posted.status).toBe(303);
    expect(mainText(await (await client.get(posted.headers.get('location')!)).text())).toContain('Un lien de confirmation a été envoyé');
    expect((await representativeOf('famille.aubrac.1')).email).toBe(before.email);

    const { path, token, mail } = await lastConfirmationLink();
    expect(mail.recipient).toBe('sophie.nouvelle@example.org');
    expect(mail.text_body).not.toContain('Léa');
    // Only a hash of the token is stored.
    const stored = await t.database.db.selectFrom('email_change').select('token_hash').executeTakeFirstOrThrow();
    expect(Buffer.from(stored.token_hash).toString('base64url')).not.toBe(token);

    const shown = await client.get(path);
    expect(shown.status).toBe(200);
    expect(mainText(await shown.text())).toContain('sophie.nouvelle@example.org');
    expect((await representativeOf('famille.aubrac.1')).email).toBe(before.email);

    const confirmed = await client.post('/fiche-de-renseignements/confirmer', { jeton: token });
    expect(confirmed.status).toBe(303);
    expect((await representativeOf('famille.aubrac.1')).email).toBe('sophie.nouvelle@example.org');
    expect(mainText(await (await client.get(confirmed.headers.get('location')!)).text())).toContain('Votre adresse électronique est enregistrée');
  });

  it('un lien déjà utilisé est refusé et ne change rien', async () => {
    const client = await signedIn('famille.aubrac.1');
    await client.post('/fiche-de-renseignements', { adresse: 'premiere@example.org' });
    const { token, path } = await lastConfirmationLink();
    expect((await client.post('/fiche-de-renseignements/confirmer', { jeton: token })).status).toBe(303);
    await t.database.db.updateTable('representative').set({ email: 'autre@example.org' }).where('id', '=', (await representativeOf('famille.aubrac.1')).id).execute();

    const again = await client.post('/fiche-de-renseignements/confirmer', { jeton: token });
    expect(again.status).toBe(400);
    expect(mainText(await again.text())).toContain('Ce lien de confirmation a déjà servi');
    expect((await client.get(path)).status).toBe(400);
    expect((await representativeOf('famille.aubrac.1')).email).toBe('autre@example.org');
  });

  it('un lien expiré (plus de 24 heures) est refusé et ne change rien', async () => {
    const before = await representativeOf('famille.aubrac.1');
    const client = await signedIn('famille.aubrac.1');
    await client.post('/fiche-de-renseignements', { adresse: 'tardive@example.org' });
    const { token, path } = await lastConfirmationLink();
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    // The session has expired too: the person signs in again, then opens the link.
    const later = await signedIn('famille.aubrac.1');
    const shown = await later.get(path);
    expect(shown.status).toBe(400);
    expect(mainText(await shown.text())).toContain('a expiré');
    const posted = await later.post('/fiche-de-renseignements/confirmer', { jeton: token });
    expect(posted.status).toBe(400);
    expect((await representativeOf('famille.aubrac.1')).email).toBe(before.email);
  });

  it('un lien ouvert depuis un autre compte est refusé et ne change rien', async () => {
    const first = await signedIn('famille.aubrac.1');
    await first.post('/fiche-de-renseignements', { adresse: 'pour-sophie@example.org' });
    const { token, path } = await lastConfirmationLink();
    const [sophie, julien] = [await representativeOf('famille.aubrac.1'), await representativeOf('famille.aubrac.2')];

    const other = await signedIn('famille.aubrac.2');
    const shown = await other.get(path);
    expect(shown.status).toBe(400);
    expect(mainText(await shown.text())).toContain('demandé depuis un autre compte');
    expect((await other.post('/fiche-de-renseignements/confirmer', { jeton: token })).status).toBe(400);
    expect(await representativeOf('famille.aubrac.1')).toEqual(sophie);
    expect(await representativeOf('famille.aubrac.2')).toEqual(julien);
    // Still valid for its owner.
    expect((await first.post('/fiche-de-renseignements/confirmer', { jeton: token })).status).toBe(303);
  });

  it('un jeton inventé est refusé', async () => {
    const client = await signedIn('famille.aubrac.1');
    const response = await client.get('/fiche-de-renseignements/confirmer?jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain('n’est pas valable');
  });

  it('la page /dev/mails montre les courriels hors production, et n’existe pas en production', async () => {
    const client = await signedIn('famille.aubrac.1');
    await client.post('/fiche-de-renseignements', { adresse: 'vue@example.org' });
    const list = await new TestClient(t.app).get('/dev/mails');
    expect(list.status).toBe(200);
    const listText = mainText(await list.text());
    expect(listText).toContain('vue@example.org');
    expect(listText).toContain('Orientation : confirmez votre adresse électronique');
    const id = (await t.database.db.selectFrom('mail_outbox').select('id').executeTakeFirstOrThrow()).id;
    const one = mainText(await (await new TestClient(t.app).get(`/dev/mails/${id}`)).text());
    expect(one).toContain('Confirmer mon adresse électronique');
    const html = await (await new TestClient(t.app).get(`/dev/mails/${id}/html`)).text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="fr">/);

    const production = await createTestApp({ env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1/x', PUBLIC_ORIGIN: 'https://o.example.org', SEED_DEMO: 'false' } });
    try {
      expect((await new TestClient(production.app).get('/dev/mails')).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe('accessibilité de la fiche de renseignements', () => {
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

  it('axe-core ne trouve aucune violation sur la fiche, l’erreur, la confirmation et le refus', async () => {
    const page = await newPage(browser, { javaScript: true, baseUrl: server.baseUrl });
    try {
      await login(page, 'famille.aubrac.1');
      await page.goto('/fiche-de-renseignements');
      await expectNoAxeViolations(page);

      await page.getByLabel('Nouvelle adresse électronique').fill('pas-une-adresse');
      await navigation(page, () => page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click());
      expect(await page.title()).toBe('Erreur : Fiche de renseignements — Orientation');
      await expectNoAxeViolations(page);

      await page.getByLabel('Nouvelle adresse électronique').fill('accessible@example.org');
      await navigation(page, () => page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click());
      await expectNoAxeViolations(page);

      const mail = await server.database.db
        .selectFrom('mail_outbox')
        .select(['id', 'text_body'])
        .where('kind', '=', 'address_confirmation')
        .executeTakeFirstOrThrow();
      const link = mail.text_body.match(/https?:\/\/\S+\/fiche-de-renseignements\/confirmer\?jeton=\S+/)![0];
      await page.goto(link);
      await expectNoAxeViolations(page);
      await navigation(page, () => page.getByRole('button', { name: 'Confirmer cette adresse' }).click());
      expect(await page.getByRole('status').first().textContent()).toContain('Votre adresse électronique est enregistrée');
      await expectNoAxeViolations(page);

      await page.goto(link);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lien de confirmation refusé');
      await expectNoAxeViolations(page);

      await page.goto('/dev/mails');
      await expectNoAxeViolations(page);
      await page.goto(`/dev/mails/${mail.id}`);
      await expectNoAxeViolations(page);
      expectNoPageProblems(page);
    } finally {
      await closePage(page);
    }
  });
});
