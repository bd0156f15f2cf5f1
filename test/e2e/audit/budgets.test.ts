import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, formatReport, measureWeights, type WeightReport } from '../../../bench/page-weight.js';
import { launchBrowser } from '../../support/browser.js';
import { startE2EServer, type E2EServer } from '../../support/e2e-server.js';

// Low bandwidth: the family pages' weight budgets, measured in Chromium by bench/page-weight.ts
// (npm run bench:weight prints the same table).

let server: E2EServer;
let browser: Browser;
let report: WeightReport;
beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  report = await measureWeights(server, browser);
  console.log(formatReport(report));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} Ko`;

describe('budgets de poids des pages des familles', () => {
  it(`la première visite de chaque page tient en ${BUDGETS.firstVisitRequests} requêtes et ${kb(BUDGETS.firstVisitBytes)} compressés`, () => {
    for (const page of report.pages) {
      expect(page.cold.requests, `${page.name} : ${page.cold.urls.join(', ')}`).toBeLessThanOrEqual(BUDGETS.firstVisitRequests);
      expect(page.cold.total, `${page.name} : ${kb(page.cold.total)}`).toBeLessThanOrEqual(BUDGETS.firstVisitBytes);
    }
  });

  it(`une page suivante ne transfère que son HTML, ${kb(BUDGETS.laterPageBytes)} au plus`, () => {
    for (const page of report.pages) {
      expect(page.warm.urls, page.name).toEqual([page.path.split('?')[0]]);
      expect(page.warm.total, `${page.name} : ${kb(page.warm.total)}`).toBeLessThanOrEqual(BUDGETS.laterPageBytes);
    }
  });

  it(`chaque échange htmx de l’éditeur apporte un fragment de ${kb(BUDGETS.swapBytes)} au plus`, () => {
    expect(report.swaps.length).toBeGreaterThanOrEqual(5);
    for (const swap of report.swaps) {
      expect(swap.requests, swap.name).toBe(1);
      expect(swap.bytes, `${swap.name} : ${kb(swap.bytes)}`).toBeLessThanOrEqual(BUDGETS.swapBytes);
    }
  });

  it('sur un lien de 400 kbit/s et 400 ms d’aller-retour, la page des intentions devient utilisable (mesure affichée ; marge large, la machine de test est partagée)', () => {
    expect(report.slowLink.usableMs).toBeGreaterThan(0);
    // The target is 2 s; the assertion allows for a loaded CI machine.
    expect(report.slowLink.usableMs).toBeLessThan(BUDGETS.slowLinkMs * 4);
  });

  it('aucune police web et aucune image : le logo est un SVG en ligne', () => {
    for (const page of report.pages) {
      expect(page.cold.urls.filter((url) => /\.(woff2?|ttf|otf|png|jpe?g|gif|webp|avif|svg)$/.test(url)), page.name).toEqual([]);
    }
  });
});
