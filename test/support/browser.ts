import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults, Result } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What axe checks: WCAG 2.0/2.1 A and AA, the WCAG 2.2 AA additions, and axe's RGAA 4 mapping. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'RGAAv4'];

const require = createRequire(import.meta.url);
// The project's axe-core (4.14.1, which knows the RGAAv4 tag), not the older copy bundled with @axe-core/playwright.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION: string = (JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')) as { version: string }).version;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** What went wrong in the browser while a page was open; a test usually expects all lists empty. */
export type PageProblems = {
  /** Content-Security-Policy violations (console messages, and `securitypolicyviolation` events when JS is on). */
  cspViolations: string[];
  /** Uncaught exceptions in the page's scripts. */
  pageErrors: string[];
  /** Sub-resources (CSS, JS, images…) that failed or answered ≥ 400; the document itself may be a 404 or 422. */
  failedResources: string[];
  /** Every console message of level error, CSP ones included (a 404 document logs one too: informative only). */
  consoleErrors: string[];
};

const problemsByPage = new WeakMap<Page, PageProblems>();

export type NewPageOptions = {
  javaScript: boolean;
  baseUrl: string;
  viewport?: { width: number; height: number };
};

/** A page in a fresh context (no cookies), French locale, relative URLs resolved against baseUrl. */
export async function newPage(browser: Browser, options: NewPageOptions): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    locale: 'fr-FR',
    baseURL: options.baseUrl,
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(20_000);
  const problems: PageProblems = { cspViolations: [], pageErrors: [], failedResources: [], consoleErrors: [] };
  problemsByPage.set(page, problems);

  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') problems.consoleErrors.push(`${page.url()} : ${text}`);
    if (/Content[ -]Security[ -]Policy/i.test(text)) problems.cspViolations.push(`${page.url()} : ${text}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(`${page.url()} : ${error.message}`));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED: cancelled by the browser itself, typically the favicon when the page is left right after load.
    if (request.isNavigationRequest() || request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.failedResources.push(`${request.method()} ${request.url()} : ${request.failure()?.errorText ?? 'échec'}`);
  });
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() || response.status() < 400) return;
    problems.failedResources.push(`${response.request().method()} ${response.url()} : HTTP ${response.status()}`);
  });
  if (options.javaScript) {
    // Also catch violations the console might word differently (only possible when scripts run).
    await page.exposeBinding('__reportCspViolation', ({ frame }, text: string) => problems.cspViolations.push(`${frame.url()} : ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
        report?.(`securitypolicyviolation ${event.effectiveDirective} bloque ${event.blockedURI || '(inline)'}`);
      });
    });
  }
  return page;
}

/** The problems collected on this page since newPage (the lists are live). */
export function pageProblems(page: Page): PageProblems {
  const problems = problemsByPage.get(page);
  if (!problems) throw new Error('Cette page n’a pas été ouverte avec newPage() : aucun problème n’est collecté.');
  return problems;
}

/** Fails with the list when the page met a CSP violation, an uncaught error or a failed sub-resource. */
export function expectNoPageProblems(page: Page): void {
  const { cspViolations, pageErrors, failedResources } = pageProblems(page);
  const lines = [
    ...cspViolations.map((line) => `CSP : ${line}`),
    ...pageErrors.map((line) => `erreur JS : ${line}`),
    ...failedResources.map((line) => `ressource : ${line}`),
  ];
  if (lines.length > 0) throw new Error(`Problèmes dans le navigateur :\n  ${lines.join('\n  ')}`);
}

/** Closes the page and its context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/**
 * Runs `action` (a click, a key press) and waits until the main frame has navigated to a new
 * document and loaded it. Works for form posts answered by a page or by a 303 redirect.
 */
export async function navigation(page: Page, action: () => Promise<unknown>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

/** Signs in through the login form, as a person would (labels, then the button). Goes to /connexion first unless already there. */
export async function login(page: Page, identifiant: string, motDePasse = 'orientation'): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== '/connexion') await page.goto('/connexion');
  await page.getByLabel('Identifiant', { exact: true }).fill(identifiant);
  await page.getByLabel('Mot de passe', { exact: true }).fill(motDePasse);
  await navigation(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
}

/** Signs out with the header's « Se déconnecter » button. */
export async function logout(page: Page): Promise<void> {
  await navigation(page, () => page.getByRole('button', { name: 'Se déconnecter' }).click());
}

/** Runs axe-core on the page (JS must be enabled in its context). */
export async function axeResults(page: Page): Promise<AxeResults> {
  return new AxeBuilder({ page, axeSource }).withTags(AXE_TAGS).analyze();
}

/** Fails, listing each violation (rule, impact, help, failing elements), when axe finds any on the page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await axeResults(page);
  if (results.violations.length > 0) throw new Error(formatViolations(page.url(), results.violations));
}

export function formatViolations(url: string, violations: Result[]): string {
  const lines = [`axe-core ${AXE_VERSION} : ${violations.length} règle(s) en échec sur ${url}`];
  for (const violation of violations) {
    lines.push(`• ${violation.id} [${violation.impact ?? 'impact inconnu'}] ${violation.help}`);
    lines.push(`  ${violation.helpUrl}`);
    lines.push(`  critères : ${violation.tags.filter((tag) => /^(wcag\d|RGAA-)/.test(tag)).join(', ')}`);
    for (const node of violation.nodes) {
      lines.push(`  - cible : ${node.target.map((target) => JSON.stringify(target)).join(' > ')}`);
      lines.push(`    html : ${node.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (node.failureSummary) lines.push(`    ${node.failureSummary.replace(/\n\s*/g, '\n    ')}`);
    }
  }
  return lines.join('\n');
}

export type FocusedElement = {
  /** e.g. `a.skip-link`, `input#identifiant`, `button`. */
  element: string;
  text: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
};

/** The element that has focus, and how its focus is drawn; null when focus is on the document itself. */
export async function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return null;
    const style = getComputedStyle(active);
    const classes = [...active.classList].map((name) => `.${name}`).join('');
    return {
      element: `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}${classes}`,
      text: (active.innerText || active.getAttribute('aria-label') || (active as HTMLInputElement).name || '').trim().replace(/\s+/g, ' '),
      focusVisible: active.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth) || 0,
      boxShadow: style.boxShadow,
    };
  });
}

/** Whether a keyboard user can see where focus is: the service draws focus with an outline (app.css, `:focus-visible`). */
export function hasVisibleFocusIndicator(focused: FocusedElement): boolean {
  return focused.outlineStyle !== 'none' && focused.outlineStyle !== 'hidden' && focused.outlineWidth > 0;
}
