import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, TestClient, type TestApp } from '../support/test-app.js';

// Headers and transport: a strict CSP (nothing inline, no framing), a referrer policy, no server
// banner; HSTS and Secure cookies when the browser is on https — said by PUBLIC_ORIGIN, or by a
// TLS proxy's X-Forwarded-Proto when, and only when, TRUST_PROXY says the proxy is trusted.

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!.toLowerCase(), values.join(' ')];
      }),
  );
}

const PAGES_ANONYMOUS = ['/connexion', '/accessibilite', '/page-qui-n-existe-pas', '/healthz'];

describe('en-têtes de sécurité', () => {
  it('chaque réponse porte une CSP stricte sans unsafe-inline, frame-ancestors none, une politique de référent, et aucune bannière', async () => {
    t = await createTestApp();
    const anonymous = new TestClient(t.app);
    const family = await signedIn(t, 'famille.aubrac.1');
    const chef = await signedIn(t, 'chef.aubrac');
    const staticPath = (await (await anonymous.get('/connexion')).text()).match(/\/static\/[^"?]+/)![0];
    const responses: Array<[string, Response]> = [];
    for (const path of [...PAGES_ANONYMOUS, staticPath]) responses.push([path, await anonymous.get(path)]);
    for (const path of ['/famille', '/fiche-de-renseignements']) responses.push([path, await family.get(path)]);
    for (const path of ['/etablissement', '/etablissement/campagne', '/etablissement/export.csv']) responses.push([path, await chef.get(path)]);
    responses.push(['POST /connexion (refus)', await anonymous.post('/connexion', { identifiant: 'x', mot_de_passe: 'y' })]);
    responses.push(['POST sans Origin (403)', await t.app.request('http://localhost:3000/connexion', { method: 'POST', body: 'identifiant=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })]);

    for (const [path, response] of responses) {
      const csp = response.headers.get('Content-Security-Policy');
      expect(csp, path).toBeTruthy();
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
      const policy = directives(csp);
      expect(policy.get('default-src'), path).toBe("'none'");
      expect(policy.get('script-src'), path).toBe("'self'");
      expect(policy.get('style-src'), path).toBe("'self'");
      expect(policy.get('frame-ancestors'), path).toBe("'none'");
      expect(policy.get('base-uri'), path).toBe("'none'");
      expect(policy.get('form-action'), path).toBe("'self'");
      expect(policy.has('upgrade-insecure-requests'), path).toBe(false);
      expect(response.headers.get('X-Frame-Options'), path).toBe('DENY');
      expect(response.headers.get('Referrer-Policy'), path).toBe('same-origin');
      expect(response.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      // Plain http: no HSTS (a browser ignores it there, and a test origin must not be pinned).
      expect(response.headers.get('Strict-Transport-Security'), path).toBeNull();
      expect(response.headers.get('Server'), path).toBeNull();
      expect(response.headers.get('X-Powered-By'), path).toBeNull();
    }
  });

  it('les pages respectent la CSP : aucun script, style ni gestionnaire en ligne', async () => {
    t = await createTestApp();
    const family = await signedIn(t, 'famille.aubrac.1');
    const chef = await signedIn(t, 'chef.aubrac');
    const lea = await t.database.db.selectFrom('pupil').select(['id', 'division_id']).where('first_name', '=', 'Léa').executeTakeFirstOrThrow();
    const pages: Array<[TestClient, string]> = [
      [new TestClient(t.app), '/connexion'],
      [family, '/famille'],
      [family, `/orientation/${lea.id}/intentions`],
      [family, `/orientation/${lea.id}/intentions/ajouter`],
      [chef, '/etablissement'],
      [chef, `/etablissement/divisions/${lea.division_id}/conseil/avis-provisoires`],
      [chef, `/etablissement/eleves/${lea.id}`],
      [chef, '/etablissement/campagne'],
    ];
    for (const [client, path] of pages) {
      const html = await (await client.get(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html, path).not.toMatch(/<style\b/i);
      expect(html, path).not.toMatch(/\sstyle\s*=/i);
      expect(html, path).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, path).not.toMatch(/(?:src|href)\s*=\s*"(?:https?:)?\/\//i);
      expect(html, path).not.toMatch(/javascript:/i);
    }
  });

  it('le vrai serveur HTTP n’annonce ni son nom ni sa version', async () => {
    t = await createTestApp();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
      const { port } = server.address() as AddressInfo;
      for (const path of ['/connexion', '/healthz', '/nulle-part']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        await response.arrayBuffer();
        expect(response.headers.get('Server'), path).toBeNull();
        expect(response.headers.get('X-Powered-By'), path).toBeNull();
        expect(response.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('https et proxy de confiance', () => {
  const viaProxy = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };

  it('derrière un proxy de confiance (TRUST_PROXY=true) qui dit https : HSTS, et le cookie de session est Secure', async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    const browser = new TestClient(t.app, viaProxy);
    const page = await browser.get('/connexion');
    expect(page.headers.get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains');
    expect(directives(page.headers.get('Content-Security-Policy')).has('upgrade-insecure-requests')).toBe(true);
    const login = await browser.login('famille.aubrac.1');
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie().find((header) => header.startsWith('orientation_session='))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await browser.get('/famille')).status).toBe(200);
    const logout = await browser.post('/deconnexion', {});
    expect(logout.headers.getSetCookie().join('\n')).toMatch(/orientation_session=;.*Secure/i);

    // The same proxy saying http (or nothing): no HSTS, no Secure.
    const plain = await new TestClient(t.app, { 'X-Forwarded-Proto': 'http' }).login('famille.aubrac.2');
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
    expect(plain.headers.getSetCookie().join('\n')).not.toMatch(/Secure/i);
  });

  it('sans TRUST_PROXY, un X-Forwarded-Proto envoyé par n’importe qui est ignoré', async () => {
    t = await createTestApp();
    const browser = new TestClient(t.app, viaProxy);
    const login = await browser.login('famille.aubrac.1');
    expect(login.headers.get('Strict-Transport-Security')).toBeNull();
    expect(login.headers.getSetCookie().join('\n')).not.toMatch(/Secure/i);
  });

  it('avec une adresse publique en https : HSTS partout et cookie __Host- Secure', async () => {
    t = await createTestApp({ env: { PUBLIC_ORIGIN: 'https://orientation.ac-exemple.fr' } });
    const browser = new TestClient(t.app, { Origin: 'https://orientation.ac-exemple.fr' });
    const page = await browser.get('/connexion');
    expect(page.headers.get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains');
    const login = await browser.post('/connexion', { identifiant: 'famille.aubrac.1', mot_de_passe: 'orientation' }, { Origin: 'https://orientation.ac-exemple.fr' });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie().find((header) => header.startsWith('__Host-orientation_session='))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
