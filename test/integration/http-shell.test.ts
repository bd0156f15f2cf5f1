import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rgaaScore } from '../../src/legal/rgaa-audit.js';
import { createTestApp, TestClient, titleOf, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const PUBLIC_PAGES = ['/connexion', '/accessibilite', '/mentions-legales', '/donnees-personnelles', '/page-qui-n-existe-pas'];
const SIGNED_IN_PAGES: Array<[string, string]> = [
  ['famille.aubrac.1', '/famille'],
  ['famille.aubrac.1', '/mot-de-passe'],
  ['eleve.aubrac', '/eleve'],
  ['chef.aubrac', '/etablissement'],
  ['admin.academie', '/academie'],
];

function expectSecurityHeaders(response: Response, path: string) {
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  expect(csp, path).toContain("default-src 'none'");
  expect(csp, path).toContain("script-src 'self'");
  expect(csp, path).toContain("style-src 'self'");
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).not.toContain('unsafe-inline');
  expect(csp, path).not.toContain('unsafe-eval');
  expect(response.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
  expect(response.headers.get('X-Frame-Options'), path).toBe('DENY');
  expect(response.headers.get('Referrer-Policy'), path).toBe('same-origin');
}

describe('l’enveloppe des pages', () => {
  it('chaque page porte les en-têtes de sécurité et une CSP stricte', async () => {
    for (const path of PUBLIC_PAGES) expectSecurityHeaders(await new TestClient(t.app).get(path), path);
    for (const [login, path] of SIGNED_IN_PAGES) {
      const browser = new TestClient(t.app);
      await browser.login(login);
      const response = await browser.get(path);
      expect(response.status, path).toBe(200);
      expectSecurityHeaders(response, path);
      // Personal data is never kept in a shared cache or the browser's back-forward history.
      expect(response.headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('aucune page ne contient de script ou de style en ligne, ni de ressource d’un autre hôte', async () => {
    for (const path of PUBLIC_PAGES) {
      const html = await (await new TestClient(t.app).get(path)).text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style\b/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('la page est en français, a un lien d’évitement, un titre unique et une zone d’annonces', async () => {
    const titles = new Set<string>();
    for (const path of PUBLIC_PAGES) {
      const html = await (await new TestClient(t.app).get(path)).text();
      expect(html.startsWith('<!DOCTYPE html><html lang="fr">'), path).toBe(true);
      expect(html).toContain('<a class="skip-link" href="#contenu">Aller au contenu</a>');
      expect(html).toContain('<main id="contenu"');
      expect(html.match(/<h1[\s>]/g), path).toHaveLength(1);
      expect(html).toContain('role="status" aria-live="polite"');
      expect(html).toContain(`Accessibilité : ${rgaaScore().conformity}`);
      titles.add(titleOf(html));
    }
    expect(titles.size).toBe(PUBLIC_PAGES.length);
  });

  it('les pages HTML sont compressées et portent un ETag', async () => {
    const response = await new TestClient(t.app).get('/connexion', { 'Accept-Encoding': 'gzip' });
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const etag = (await new TestClient(t.app).get('/accessibilite')).headers.get('ETag');
    expect(etag).toBeTruthy();
    const again = await new TestClient(t.app).get('/accessibilite', { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
  });

  it('un envoi trop volumineux est refusé avec un message en français', async () => {
    const response = await new TestClient(t.app).post('/connexion', { identifiant: 'x'.repeat(200 * 1024), mot_de_passe: 'y' });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Envoi trop volumineux');
  });

  it('/healthz et /readyz répondent pour la plateforme de conteneurs', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ok');
  });
});

describe('fichiers statiques', () => {
  async function assetUrls(): Promise<string[]> {
    const html = await (await new TestClient(t.app).get('/connexion')).text();
    return [...html.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((match) => match[1]!);
  }

  it('sont servis sous un nom haché, en cache immuable, compressés en brotli ou gzip', async () => {
    const urls = await assetUrls();
    expect(urls.some((url) => /\/static\/app\.[\w-]{12}\.css$/.test(url))).toBe(true);
    expect(urls.some((url) => /\/static\/htmx\.[\w-]{12}\.js$/.test(url))).toBe(true);
    expect(urls.some((url) => /\/static\/app\.[\w-]{12}\.js$/.test(url))).toBe(true);
    for (const url of urls) {
      const plain = await t.app.request(url);
      expect(plain.status, url).toBe(200);
      expect(plain.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      const original = Buffer.from(await plain.arrayBuffer());

      if (original.length > 512) {
        const brotli = await t.app.request(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
        expect(brotli.headers.get('Content-Encoding'), url).toBe('br');
        const brotliBody = Buffer.from(await brotli.arrayBuffer());
        expect(brotliBody.length).toBeLessThan(original.length);
        expect(brotliDecompressSync(brotliBody).equals(original)).toBe(true);

        const gzip = await t.app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
        expect(gzip.headers.get('Content-Encoding'), url).toBe('gzip');
        expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(original)).toBe(true);
      }
    }
  });

  it('un nom inconnu, ou l’ancien nom d’un fichier modifié, répond 404', async () => {
    expect((await t.app.request('/static/app.css')).status).toBe(404);
    expect((await t.app.request('/static/app.000000000000.css')).status).toBe(404);
  });
});
