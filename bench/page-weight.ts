// Page weight of the family pages, as Chromium receives them: each page visited cold (empty cache,
// as on a first visit) and warm (after another page: CSS and JS come from the cache), with the
// requests and the bytes transferred (compressed, headers included) per kind; the htmx swaps of the
// intentions editor; and the time until the intentions page is usable on an emulated slow link
// (400 kbit/s, 400 ms round trip).
// Run: npm run bench:weight   (no server or database needed: the real app on PGlite in memory,
// Debian's Chromium). The budgets are enforced by test/e2e/audit/budgets.test.ts.
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ensureAcademy } from '../src/db/academy.js';
import { databaseOnPGlite, pgliteParsers } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { findStaticDir } from '../src/http/find-static-dir.js';
import { loadStaticAssets } from '../src/http/static-assets.js';
import { seedDemo } from '../scripts/seed-demo.js';
import { launchBrowser, login } from '../test/support/browser.js';
import { loadAuditIds, type AuditIds } from '../test/e2e/audit/pages.js';

/** The service to measure: its address and its database (for the demo records' ids). */
export type MeasuredServer = { baseUrl: string; database: { db: Kysely<Database> } };

export const BUDGETS = {
  /** First visit of any family page: everything it needs. */
  firstVisitBytes: 30 * 1024,
  firstVisitRequests: 4,
  /** A later page (CSS and JS cached). */
  laterPageBytes: 6 * 1024,
  /** One htmx exchange: the compressed fragment (its headers are printed beside it). */
  swapBytes: 2 * 1024,
  /** Time until the intentions page is usable on the emulated link, first visit. */
  slowLinkMs: 2000,
};

/** Bytes over the wire (compressed bodies and response headers); `bodies`: the compressed bodies alone. */
export type Transfer = { requests: number; html: number; css: number; js: number; other: number; total: number; bodies: number; urls: string[] };
export type PageWeight = { name: string; path: string; cold: Transfer; warm: Transfer };
/** `bytes`: the compressed fragment htmx swaps in; `wire`: with the response headers. */
export type SwapWeight = { name: string; bytes: number; wire: number; requests: number };
export type WeightReport = { pages: PageWeight[]; swaps: SwapWeight[]; slowLink: { domContentLoadedMs: number; usableMs: number } };

type FamilyPage = { name: string; user: string; path: (ids: AuditIds) => string };

export const FAMILY_PAGES: FamilyPage[] = [
  { name: 'mes enfants', user: 'famille.aubrac.1', path: () => '/famille' },
  { name: 'orientation de l’enfant', user: 'famille.aubrac.1', path: (ids) => `/orientation/${ids.lea}` },
  { name: 'intentions (3e)', user: 'famille.aubrac.1', path: (ids) => `/orientation/${ids.lea}/intentions` },
  { name: 'ajout d’une intention (page)', user: 'famille.aubrac.1', path: (ids) => `/orientation/${ids.lea}/intentions/ajouter` },
  { name: 'intentions (2de)', user: 'famille.gouges.1', path: (ids) => `/orientation/${ids.zoe}/intentions` },
  { name: 'avis provisoire', user: 'famille.zay.2', path: (ids) => `/orientation/${ids.hugoPetit}/avis-provisoire` },
  { name: 'récapitulatif imprimable', user: 'famille.zay.1', path: (ids) => `/orientation/${ids.hugoPetit}/recapitulatif` },
  { name: 'choix définitifs (2de)', user: 'famille.veil.1', path: (ids) => `/orientation/${ids.ines}/choix-definitifs` },
  { name: 'propositions et réponse', user: 'famille.hugo.1', path: (ids) => `/orientation/${ids.nathan}/propositions` },
  { name: 'décision', user: 'famille.hugo.1', path: (ids) => `/orientation/${ids.nathan}/decision` },
  { name: 'accueil de l’élève', user: 'eleve.aubrac', path: () => '/eleve' },
  { name: 'fiche de renseignements', user: 'famille.aubrac.1', path: () => '/fiche-de-renseignements' },
];

/** Counts what goes over the wire (CDP Network events: encodedDataLength is compressed body + headers). */
class NetworkMeter {
  private readonly requests = new Map<string, { url: string; type: string; headers: number }>();
  private readonly finished: { url: string; type: string; bytes: number; headers: number }[] = [];
  private constructor(readonly session: CDPSession) {
    session.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string }; type?: string }) => {
      this.requests.set(event.requestId, { url: event.request.url, type: event.type ?? 'Other', headers: 0 });
    });
    session.on('Network.responseReceived', (event: { requestId: string; type: string; response: { encodedDataLength: number } }) => {
      const request = this.requests.get(event.requestId);
      if (!request) return;
      request.type = event.type;
      // At this point, what was received is the status line and the headers.
      request.headers = event.response.encodedDataLength;
    });
    session.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
      const request = this.requests.get(event.requestId);
      if (request) this.finished.push({ ...request, bytes: event.encodedDataLength });
    });
  }
  static async on(page: Page): Promise<NetworkMeter> {
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    return new NetworkMeter(session);
  }
  reset(): void {
    this.requests.clear();
    this.finished.length = 0;
  }
  /** What was transferred since the last reset; requests served from the memory or disk cache count nothing. */
  transfer(): Transfer {
    const transfer: Transfer = { requests: 0, html: 0, css: 0, js: 0, other: 0, total: 0, bodies: 0, urls: [] };
    for (const entry of this.finished) {
      if (entry.bytes === 0) continue;
      transfer.requests++;
      transfer.urls.push(new URL(entry.url).pathname);
      const kind = entry.type === 'Document' || entry.type === 'XHR' || entry.type === 'Fetch' ? 'html' : entry.type === 'Stylesheet' ? 'css' : entry.type === 'Script' ? 'js' : 'other';
      transfer[kind] += entry.bytes;
      transfer.total += entry.bytes;
      transfer.bodies += Math.max(0, entry.bytes - entry.headers);
    }
    return transfer;
  }
  async settle(page: Page): Promise<void> {
    await page.waitForLoadState('load');
    // Late requests (a favicon) are counted too.
    await page.waitForTimeout(300);
  }
}

async function signedIn(browser: Browser, server: MeasuredServer, user: string): Promise<BrowserContext> {
  const options = { locale: 'fr-FR', baseURL: server.baseUrl };
  const signing = await browser.newContext(options);
  const page = await signing.newPage();
  await login(page, user);
  const state = await signing.storageState();
  await signing.close();
  return browser.newContext({ ...options, storageState: state });
}

export async function measureWeights(server: MeasuredServer, browser: Browser): Promise<WeightReport> {
  const ids = await loadAuditIds(server.database.db);
  const pages: PageWeight[] = [];
  for (const familyPage of FAMILY_PAGES) {
    const context = await signedIn(browser, server, familyPage.user);
    try {
      const page = await context.newPage();
      const meter = await NetworkMeter.on(page);
      await page.goto(familyPage.path(ids));
      await meter.settle(page);
      const cold = meter.transfer();
      // Warm: the same page again, as reached from another page (the cache holds the CSS and JS).
      meter.reset();
      await page.goto(familyPage.path(ids));
      await meter.settle(page);
      pages.push({ name: familyPage.name, path: familyPage.path(ids), cold, warm: meter.transfer() });
    } finally {
      await context.close();
    }
  }

  // The intentions editor's htmx exchanges.
  const swaps: SwapWeight[] = [];
  const context = await signedIn(browser, server, 'famille.aubrac.1');
  try {
    const page = await context.newPage();
    await page.goto(`/orientation/${ids.lea}/intentions`);
    await page.waitForLoadState('load');
    const meter = await NetworkMeter.on(page);
    const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
    const swap = async (name: string, action: () => Promise<void>) => {
      meter.reset();
      const answered = page.waitForResponse((response) => response.request().headers()['hx-request'] === 'true');
      await action();
      await answered;
      await page.waitForTimeout(300);
      const transfer = meter.transfer();
      swaps.push({ name, bytes: transfer.bodies, wire: transfer.total, requests: transfer.requests });
    };
    await swap('ouvrir le dialogue « Ajouter une intention »', () => page.getByRole('link', { name: 'Ajouter une intention' }).click());
    await dialog.locator('form').waitFor({ state: 'visible' });
    await swap('erreur dans le dialogue (aucune voie)', () => dialog.getByRole('button', { name: "Ajouter l'intention" }).click());
    await dialog.getByLabel('1re année de CAP', { exact: true }).check();
    await swap('ajouter une intention (liste mise à jour)', () => dialog.getByRole('button', { name: "Ajouter l'intention" }).click());
    await page.getByRole('link', { name: 'Ajouter une intention' }).click();
    await dialog.locator('form').waitFor({ state: 'visible' });
    await dialog.getByLabel('2de professionnelle', { exact: true }).check();
    await dialog.getByLabel('Métier ou formation').fill('Ébéniste');
    await swap('ajouter une deuxième intention', () => dialog.getByRole('button', { name: "Ajouter l'intention" }).click());
    await swap('monter une intention', () => page.getByRole('button', { name: /^Monter/ }).last().click());
    await swap('supprimer une intention', () => page.getByRole('button', { name: /^Supprimer/ }).first().click());
  } finally {
    await context.close();
  }

  return { pages, swaps, slowLink: await slowLinkTiming(server, browser, ids) };
}

/** First visit of the intentions page on a 400 kbit/s link with 400 ms of round trip. */
async function slowLinkTiming(server: MeasuredServer, browser: Browser, ids: AuditIds): Promise<{ domContentLoadedMs: number; usableMs: number }> {
  const context = await signedIn(browser, server, 'famille.aubrac.1');
  try {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.setCacheDisabled', { cacheDisabled: true });
    await session.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 });
    const started = Date.now();
    await page.goto(`/orientation/${ids.lea}/intentions`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const domContentLoadedMs = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return navigation ? Math.round(navigation.domContentLoadedEventEnd) : -1;
    });
    const add = page.getByRole('link', { name: 'Ajouter une intention' });
    await add.waitFor({ state: 'visible', timeout: 60_000 });
    // Usable: the control is there and htmx (deferred, run before DOMContentLoaded) has wired it.
    await page.waitForFunction(() => document.readyState !== 'loading' && 'htmx' in window, undefined, { timeout: 60_000 });
    const usableMs = Date.now() - started;
    return { domContentLoadedMs, usableMs };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} Ko`;

export function formatReport(report: WeightReport): string {
  const lines: string[] = [];
  lines.push('Pages des familles, octets transférés (compressés, en-têtes compris ; l’icône de l’onglet est dans la page) :');
  lines.push(`${'page'.padEnd(30)} ${'1re visite'.padEnd(44)} ${'visite suivante'}`);
  lines.push(`${''.padEnd(30)} ${'req.  HTML     CSS      JS       total'.padEnd(44)} req.  total`);
  for (const page of report.pages) {
    const cold = page.cold;
    lines.push(
      `${page.name.padEnd(30)} ${String(cold.requests).padEnd(5)} ${kb(cold.html).padEnd(8)} ${kb(cold.css).padEnd(8)} ${kb(cold.js + cold.other).padEnd(8)} ${kb(cold.total).padEnd(9)}  ${String(page.warm.requests).padEnd(5)} ${kb(page.warm.total)}`,
    );
  }
  lines.push('');
  lines.push('Échanges htmx de l’éditeur des intentions :');
  for (const swap of report.swaps) lines.push(`  ${swap.name.padEnd(48)} fragment ${kb(swap.bytes).padEnd(8)} (avec les en-têtes ${kb(swap.wire)}, ${swap.requests} requête)`);
  lines.push('');
  lines.push('Lien émulé 400 kbit/s, 400 ms aller-retour, première visite de la page des intentions :');
  lines.push(`  DOMContentLoaded ${report.slowLink.domContentLoadedMs} ms ; « Ajouter une intention » utilisable à ${report.slowLink.usableMs} ms (objectif : moins de ${BUDGETS.slowLinkMs} ms)`);
  lines.push('');
  lines.push(
    `Budgets : 1re visite ≤ ${kb(BUDGETS.firstVisitBytes)} en ≤ ${BUDGETS.firstVisitRequests} requêtes ; page suivante ≤ ${kb(BUDGETS.laterPageBytes)} (en-têtes compris) ; fragment htmx ≤ ${kb(BUDGETS.swapBytes)} compressé.`,
  );
  return lines.join('\n');
}

/** The real app on an in-memory PGlite with the demo seed, listening on a free local port. */
async function startService(): Promise<MeasuredServer & { close(): Promise<void> }> {
  const pglite = new PGlite('memory://', { parsers: pgliteParsers });
  await pglite.waitReady;
  const database = databaseOnPGlite(pglite);
  await migrateToLatest(database.db);
  let app: ReturnType<typeof createApp> | undefined;
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const started = serve(
      { fetch: (request, env) => (app ? app.fetch(request, env) : new Response('démarrage', { status: 503 })), port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => resolve({ server: started, port: info.port }),
    );
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false', PUBLIC_ORIGIN: baseUrl });
  await ensureAcademy(database.db, { name: config.academyName, timeZone: config.timeZone });
  await seedDemo(database.db, { now: new Date(), pupilsPerDivision: 4 });
  app = createApp({ db: database.db, config, assets: loadStaticAssets(findStaticDir()), now: () => new Date() });
  return {
    baseUrl,
    database,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await database.close();
    },
  };
}

async function main(): Promise<void> {
  const [server, browser] = await Promise.all([startService(), launchBrowser()]);
  try {
    console.log(formatReport(await measureWeights(server, browser)));
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
