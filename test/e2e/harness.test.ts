import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeResults,
  closePage,
  expectNoAxeViolations,
  expectNoPageProblems,
  focusedElement,
  hasVisibleFocusIndicator,
  launchBrowser,
  newPage,
  pageProblems,
} from '../support/browser.js';

// The harness's own checks must be able to fail: each is shown a page that breaks it, served by
// Playwright itself (no server, no network) under a made-up origin.
const ORIGIN = 'http://harnais.test';
const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'";

async function servePage(page: Page, html: string, headers: Record<string, string> = {}): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) =>
    new URL(route.request().url()).pathname === '/'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html })
      : route.fulfill({ status: 404, contentType: 'text/plain', body: 'introuvable' }),
  );
  await page.goto('/');
}

describe('le harnais de test du navigateur', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScript of [true, false]) {
    it(`repère une violation de la politique de sécurité du contenu (JavaScript ${javaScript ? 'activé' : 'désactivé'})`, async () => {
      const page = await newPage(browser, { javaScript, baseUrl: ORIGIN });
      try {
        await servePage(page, '<!DOCTYPE html><html lang="fr"><head><title>t</title><style>p{color:red}</style></head><body><p style="color:blue">x</p></body></html>', {
          'Content-Security-Policy': STRICT_CSP,
        });
        await expect.poll(() => pageProblems(page).cspViolations.length).toBeGreaterThan(0);
        expect(() => expectNoPageProblems(page)).toThrow(/CSP/);
      } finally {
        await closePage(page);
      }
    });
  }

  it('repère une erreur JavaScript non rattrapée et une ressource introuvable', async () => {
    const page = await newPage(browser, { javaScript: true, baseUrl: ORIGIN });
    try {
      await servePage(page, '<!DOCTYPE html><html lang="fr"><head><title>t</title><link rel="stylesheet" href="/absent.css"></head><body><script>throw new Error("boum")</script></body></html>');
      await expect.poll(() => pageProblems(page).pageErrors.join()).toContain('boum');
      await expect.poll(() => pageProblems(page).failedResources.join()).toContain('/absent.css : HTTP 404');
      expect(() => expectNoPageProblems(page)).toThrow(/boum/);
    } finally {
      await closePage(page);
    }
  });

  it('rapporte les violations axe-core avec la règle, l’impact, l’aide et l’élément fautif', async () => {
    const page = await newPage(browser, { javaScript: true, baseUrl: ORIGIN });
    try {
      await servePage(page, '<!DOCTYPE html><html><head><title>t</title></head><body><main><h1>t</h1><input id="sans-etiquette" type="text"></main></body></html>');
      const { violations } = await axeResults(page);
      expect(violations.map((violation) => violation.id)).toEqual(expect.arrayContaining(['html-has-lang', 'label']));
      const error = await expectNoAxeViolations(page).then(
        () => null,
        (failure: unknown) => failure as Error,
      );
      expect(error?.message).toMatch(/• label \[critical\] /);
      expect(error?.message).toContain('cible : "#sans-etiquette"');
      expect(error?.message).toContain('html-has-lang');
    } finally {
      await closePage(page);
    }
  });

  it('connaît le critère RGAA 4 dans axe-core (étiquette RGAAv4)', async () => {
    const page = await newPage(browser, { javaScript: true, baseUrl: ORIGIN });
    try {
      await servePage(page, '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main><h1>t</h1></main></body></html>');
      const results = await axeResults(page);
      const rgaaRules = [...results.passes, ...results.inapplicable, ...results.violations, ...results.incomplete].filter((rule) => rule.tags.includes('RGAAv4'));
      expect(rgaaRules.length).toBeGreaterThan(10);
    } finally {
      await closePage(page);
    }
  });

  it('voit qu’un élément a perdu son indicateur de focus', async () => {
    const page = await newPage(browser, { javaScript: true, baseUrl: ORIGIN });
    try {
      await servePage(page, '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><button id="a">A</button><button id="b" class="sans-focus">B</button></body></html>', {});
      await page.addStyleTag({ content: 'button:focus-visible { outline: 3px solid blue } .sans-focus:focus-visible { outline: none }' });
      await page.keyboard.press('Tab');
      const first = await focusedElement(page);
      expect(first).toMatchObject({ element: 'button#a', focusVisible: true });
      expect(hasVisibleFocusIndicator(first!)).toBe(true);
      await page.keyboard.press('Tab');
      const second = await focusedElement(page);
      expect(second).toMatchObject({ element: 'button#b.sans-focus', focusVisible: true });
      expect(hasVisibleFocusIndicator(second!)).toBe(false);
    } finally {
      await closePage(page);
    }
  });
});
