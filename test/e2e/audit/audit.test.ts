import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login } from '../../support/browser.js';
import { startE2EServer, type E2EServer } from '../../support/e2e-server.js';
import { axeFindings, headingFindings, keyboardFindings, nuErrors, reflowFindings, targetSizeFindings, textSpacingFindings, type HtmlDocument } from './checks.js';
import { AUDITED_STATES, loadAuditIds, type AuditContext, type AuditState } from './pages.js';

// The whole service, page by page and state by state (test/e2e/audit/pages.ts), as the right demo
// user, with JavaScript on and off. On each: axe-core (WCAG 2.0–2.2 A/AA, RGAA 4) when scripts run,
// one h1 and no skipped heading level, Tab order and visible focus, 320 px reflow, WCAG 1.4.12 text spacing, 24 × 24 px targets; then
// the W3C Nu HTML checker on every document served, in one Java run.
// AUDIT_REPORT=<file> writes the findings as JSON (what the accessibility statement summarises).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Findings = { state: string; javaScript: boolean; check: string; findings: string[] };
const report: Findings[] = [];
afterAll(() => {
  if (process.env.AUDIT_REPORT) writeFileSync(process.env.AUDIT_REPORT, JSON.stringify(report, null, 2));
});

for (const javaScript of [true, false]) {
  describe(`audit de chaque page, JavaScript ${javaScript ? 'activé' : 'désactivé'}`, () => {
    let server: E2EServer;
    let context: AuditContext;
    const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
    const documents: HtmlDocument[] = [];

    beforeAll(async () => {
      server = await startE2EServer();
      context = {
        ids: await loadAuditIds(server.database.db),
        baseUrl: server.baseUrl,
        javaScript,
        memory: new Map(),
        post: async (page, path, form) => {
          const response = await page.request.post(path, {
            data: new URLSearchParams(form).toString(),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseUrl },
            maxRedirects: 0,
          });
          expect(response.status(), `POST ${path}`).toBeLessThan(400);
        },
      };
    });
    afterAll(async () => {
      await server?.close();
    });

    /** A fresh context signed in as `user` (each account signs in once per run; later states reuse its cookie). */
    async function pageFor(state: AuditState): Promise<Page> {
      const options = { javaScriptEnabled: javaScript, locale: 'fr-FR', baseURL: server.baseUrl };
      if (state.user && !sessions.has(state.user)) {
        const signing = await browser.newContext(options);
        const page = await signing.newPage();
        await login(page, state.user);
        sessions.set(state.user, await signing.storageState());
        await signing.close();
      }
      const browserContext = await browser.newContext({ ...options, ...(state.user ? { storageState: sessions.get(state.user)! } : {}) });
      const page = await browserContext.newPage();
      page.setDefaultTimeout(20_000);
      return page;
    }

    const states = AUDITED_STATES.filter((state) => state.only !== (javaScript ? 'no-javascript' : 'javascript'));
    for (const state of states) {
      it(`${state.name}${state.user ? ` (${state.user})` : ''}`, async () => {
        const page = await pageFor(state);
        try {
          // The HTML as served: the last document the main frame received.
          let served: Promise<string> | undefined;
          page.on('response', (response: Response) => {
            const request = response.request();
            if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
            if (response.status() >= 300 && response.status() < 400) return;
            if (!(response.headers()['content-type'] ?? '').includes('text/html')) return;
            served = response.text().catch(() => '');
          });
          await state.open(page, context);
          await page.waitForLoadState('load');

          const checks: [string, () => Promise<string[]>][] = [
            ...(javaScript ? ([['axe-core', () => axeFindings(page)]] as [string, () => Promise<string[]>][]) : []),
            ['titres', () => headingFindings(page)],
            ['clavier', () => keyboardFindings(page)],
            ['cibles', () => targetSizeFindings(page, { spacingException: state.emailDocument })],
            ['espacement du texte', () => textSpacingFindings(page)],
            ['320 px', () => reflowFindings(page)],
          ];
          const failures: string[] = [];
          for (const [check, run] of checks) {
            const findings = await run();
            report.push({ state: state.name, javaScript, check, findings });
            failures.push(...findings.map((finding) => `[${check}] ${finding}`));
          }
          const html = served ? await served : '';
          if (html) documents.push({ name: `${state.name} (servi)`, html });
          if (javaScript && (await page.locator('dialog[open]').count()) > 0) {
            documents.push({ name: `${state.name} (DOM après l’ouverture du dialogue)`, html: await page.content() });
          }
          expect(failures, `${state.name} — ${page.url()}\n${failures.join('\n')}`).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
    }

    it('le validateur HTML du W3C (Nu) ne trouve aucune erreur dans les documents servis', async () => {
      expect(documents.length).toBeGreaterThan(0);
      const errors = await nuErrors(documents);
      for (const document of documents) report.push({ state: document.name, javaScript, check: 'Nu', findings: errors.get(document.name) ?? [] });
      const lines = [...errors].map(([name, messages]) => `${name} :\n  ${messages.join('\n  ')}`);
      expect(lines, lines.join('\n')).toEqual([]);
    });
  });
}
