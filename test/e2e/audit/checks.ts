import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeResults, formatViolations } from '../../support/browser.js';

// The checks the audit runs on every page and state (test/e2e/audit/audit.test.ts). Each returns a
// list of findings (empty when the page passes), worded for the person who has to fix it.

/** axe-core with the WCAG 2.0/2.1/2.2 A and AA tags and RGAA 4 (AXE_TAGS); JavaScript must be on in the page. */
export async function axeFindings(page: Page): Promise<string[]> {
  const results = await axeResults(page);
  return results.violations.length === 0 ? [] : [formatViolations(page.url(), results.violations)];
}

/** What a keyboard user meets: the interactive elements in DOM order, and each Tab stop with its outline. */
type TabStop = { key: string; outline: string; outlineWidth: number; focusVisible: boolean };

/**
 * Every interactive element is reached by Tab, in DOM order, and shows a visible focus indicator
 * (a computed outline of at least 2 px that differs from the unfocused element's outline).
 * At most `limit` stops are walked (the council grid has hundreds of controls: its first rows tell).
 */
export async function keyboardFindings(page: Page, limit = 60): Promise<string[]> {
  const expected = await page.evaluate((max) => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const visible = (element: Element) => {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const box = element.getBoundingClientRect();
      // The skip link is off-screen until focused: it counts.
      return (box.width > 0 && box.height > 0) || element.classList.contains('skip-link');
    };
    const keys: string[] = [];
    const radioGroupsSeen = new Set<string>();
    const dialogOpen = document.querySelector('dialog[open]');
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (dialogOpen && !dialogOpen.contains(element)) continue;
      if (element.closest('[inert], dialog:not([open])')) continue;
      if ((element as HTMLInputElement).disabled) continue;
      if (element.tabIndex < 0) continue;
      if (element instanceof HTMLInputElement && element.type === 'hidden') continue;
      if (!visible(element)) continue;
      if (element.closest('details:not([open])') && element.tagName !== 'SUMMARY') continue;
      // A group of radios is one Tab stop: the checked one, or the first.
      if (element instanceof HTMLInputElement && element.type === 'radio') {
        const group = `${element.form?.id ?? ''}|${element.name}`;
        if (radioGroupsSeen.has(group)) continue;
        radioGroupsSeen.add(group);
        const checked = document.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(element.name)}"]:checked`);
        const target = checked && checked.form === element.form ? checked : element;
        keys.push(describe(target));
        continue;
      }
      keys.push(describe(element));
      if (keys.length >= max) break;
    }
    return keys;
    function describe(element: Element): string {
      const html = element as HTMLElement;
      const text = (html.innerText || html.getAttribute('aria-label') || (html as HTMLInputElement).name || (html as HTMLInputElement).value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} « ${text} »`;
    }
  }, limit);

  // Start from the top of the document (the skip link is the first stop), or from inside an open dialog.
  await page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    active?.blur?.();
    const dialog = document.querySelector('dialog[open]');
    if (dialog) {
      // A modal dialog keeps focus inside: start just before its first element.
      dialog.setAttribute('tabindex', '-1');
      (dialog as HTMLElement).focus();
      dialog.removeAttribute('tabindex');
    } else {
      window.getSelection()?.removeAllRanges();
      document.body.setAttribute('tabindex', '-1');
      document.body.focus();
      document.body.blur();
      document.body.removeAttribute('tabindex');
    }
  });
  const stops: TabStop[] = [];
  // A date or time field takes one Tab per part (day, month, year): consecutive stops on one element count once.
  for (let presses = 0; stops.length < expected.length && presses < expected.length * 3; presses++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const text = (element.innerText || element.getAttribute('aria-label') || (element as HTMLInputElement).name || (element as HTMLInputElement).value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
      const style = getComputedStyle(element);
      return {
        key: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} « ${text} »`,
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        // `auto` is the browser's own focus ring (an e-mail's HTML has no style sheet): visible, whatever its nominal width.
        outlineWidth: style.outlineStyle === 'none' || style.outlineStyle === 'hidden' ? 0 : style.outlineStyle === 'auto' ? 2 : Number.parseFloat(style.outlineWidth) || 0,
        focusVisible: element.matches(':focus-visible'),
      };
    });
    if (!stop) break;
    if (stops.at(-1)?.key === stop.key) continue;
    stops.push(stop);
  }
  const findings: string[] = [];
  const reached = stops.map((stop) => stop.key);
  for (let index = 0; index < expected.length; index++) {
    if (reached[index] !== expected[index]) {
      findings.push(
        `ordre de tabulation : arrêt ${index + 1} attendu ${expected[index]}, atteint ${reached[index] ?? '(rien)'}\n    attendu : ${expected.slice(Math.max(0, index - 2), index + 3).join(' | ')}\n    atteint : ${reached.slice(Math.max(0, index - 2), index + 3).join(' | ')}`,
      );
      break;
    }
  }
  for (const stop of stops) {
    if (!stop.focusVisible || stop.outlineWidth < 2) findings.push(`focus invisible sur ${stop.key} (outline ${stop.outline}, :focus-visible ${stop.focusVisible})`);
  }
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  return findings;
}

/** At 320 CSS px wide (400 % zoom of 1280 px), nothing scrolls horizontally. */
export async function reflowFindings(page: Page): Promise<string[]> {
  const before = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const { scrollWidth, overflowing } = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const overflowing: string[] = [];
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0 && !element.closest('.visually-hidden, .skip-link')) {
          overflowing.push(`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')} (droite ${Math.round(box.right)} px)`);
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, overflowing: overflowing.slice(0, 5) };
    });
    return scrollWidth > 320 ? [`défilement horizontal à 320 px : largeur ${scrollWidth} px ; éléments qui débordent : ${overflowing.join(', ')}`] : [];
  } finally {
    await page.setViewportSize(before);
  }
}

/**
 * WCAG 1.4.12 text spacing (line height 1.5, paragraph spacing 2, letter spacing 0.12, word
 * spacing 0.16 of the font size): injected as an inspector stylesheet through CDP (the page's CSP
 * and disabled JavaScript do not apply to it). No text may be cut by a box that hides its overflow.
 */
export async function textSpacingFindings(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { frameTree } = await session.send('Page.getFrameTree');
    const { styleSheetId } = await session.send('CSS.createStyleSheet', { frameId: frameTree.frame.id });
    await session.send('CSS.setStyleSheetText', {
      styleSheetId,
      text: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
    });
    const clipped = await page.evaluate(() => {
      const found: string[] = [];
      for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
        if (element.closest('.visually-hidden, .skip-link, [hidden], dialog:not([open])')) continue;
        const style = getComputedStyle(element);
        if (style.display === 'none') continue;
        const hides = (value: string) => value === 'hidden' || value === 'clip';
        const cutX = hides(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
        const cutY = hides(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
        const ellipsis = style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1;
        if (cutX || cutY || ellipsis) {
          found.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} « ${element.innerText.trim().slice(0, 40)} »`);
        }
      }
      return found;
    });
    await session.send('CSS.setStyleSheetText', { styleSheetId, text: '' });
    return clipped.map((what) => `espacement du texte (1.4.12) : contenu coupé dans ${what}`);
  } finally {
    await session.detach();
  }
}

/**
 * WCAG 2.5.8 target size (minimum): every visible link, button and form control is at least
 * 24 × 24 CSS px, except links inside a sentence (the inline exception). The service's pages get
 * no other exception; an e-mail's HTML (no style sheet, by design) gets WCAG's spacing exception.
 */
export async function targetSizeFindings(page: Page, options: { spacingException?: boolean } = {}): Promise<string[]> {
  const small = await page.evaluate((spacingException) => {
    const found: string[] = [];
    const dialogOpen = document.querySelector('dialog[open]');
    for (const element of document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
      if (dialogOpen && !dialogOpen.contains(element)) continue;
      if (element.closest('.visually-hidden, [hidden], dialog:not([open])')) continue;
      if (element.classList.contains('skip-link')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (element.tagName === 'A' && style.display === 'inline') {
        // Inline exception: a link within a line of text (its block has other text than the link).
        const block = element.closest('p, li, dd, td, th, div, span, legend, label') as HTMLElement | null;
        const blockText = (block?.innerText ?? '').replace(/\s+/g, ' ').trim();
        const ownText = element.innerText.replace(/\s+/g, ' ').trim();
        if (blockText.length > ownText.length) continue;
        // A link alone on its line still counts its line box: 24 px high is what matters.
      }
      if (box.width < 24 - 0.5 || box.height < 24 - 0.5) {
        if (spacingException && !hasNeighbourWithin12px(element, box)) continue;
        found.push(`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} « ${(element.innerText || element.getAttribute('aria-label') || (element as HTMLInputElement).name || '').trim().slice(0, 40)} » ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
      }
    }
    return found;
    /** WCAG's spacing exception: a 24 px circle centred on the target meets no other target. */
    function hasNeighbourWithin12px(self: Element, box: DOMRect): boolean {
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      for (const other of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
        if (other === self) continue;
        const rect = other.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const dx = Math.max(rect.left - x, 0, x - rect.right);
        const dy = Math.max(rect.top - y, 0, y - rect.bottom);
        if (Math.hypot(dx, dy) < 12) return true;
      }
      return false;
    }
  }, options.spacingException ?? false);
  return small.map((what) => `cible trop petite (2.5.8, 24 × 24 px) : ${what}`);
}

/** The documents to give the Nu HTML checker at the end of the run. */
export type HtmlDocument = { name: string; html: string };

type NuMessage = { type: string; subType?: string; url?: string; lastLine?: number; message: string; extract?: string };

const require = createRequire(import.meta.url);
export const VNU_JAR = join(require.resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');

/**
 * Runs the W3C Nu HTML checker (vnu-jar, Java 17) once on all the documents; returns the errors
 * by document name (warnings are ignored, as « 0 errors » asks).
 */
export async function nuErrors(documents: HtmlDocument[]): Promise<Map<string, string[]>> {
  const directory = await mkdtemp(join(tmpdir(), 'audit-nu-'));
  try {
    const files = new Map<string, string>();
    let index = 0;
    for (const document of documents) {
      const file = join(directory, `page-${String(index++).padStart(3, '0')}.html`);
      files.set(`file:${file}`, document.name);
      await writeFile(file, document.html);
    }
    const output = await new Promise<string>((resolve, reject) => {
      execFile('java', ['-Xss2m', '-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', '--stdout', ...[...files.keys()].map((url) => url.slice(5))], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`vnu : ${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const { messages } = JSON.parse(output) as { messages: NuMessage[] };
    const byDocument = new Map<string, string[]>();
    for (const message of messages) {
      if (message.type !== 'error' && !(message.type === 'non-document-error')) continue;
      const name = files.get(message.url ?? '') ?? message.url ?? '?';
      const list = byDocument.get(name) ?? [];
      list.push(`ligne ${message.lastLine ?? '?'} : ${message.message}${message.extract ? ` — ${message.extract.replace(/\s+/g, ' ').trim()}` : ''}`);
      byDocument.set(name, list);
    }
    return byDocument;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** RGAA 9.1: one level-1 heading, and no heading level skipped going down (h2 → h4). */
export async function headingFindings(page: Page): Promise<string[]> {
  const levels = await page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((heading) => !heading.closest('dialog:not([open]), [hidden]'))
      .map((heading) => ({ level: Number(heading.tagName[1]), text: (heading as HTMLElement).innerText.trim().slice(0, 50) })),
  );
  const findings: string[] = [];
  const h1 = levels.filter((heading) => heading.level === 1).length;
  // An open modal dialog has its own heading structure; the page's h1 stays the one.
  if (h1 !== 1) findings.push(`titres : ${h1} titre(s) de niveau 1 au lieu d’un`);
  for (let index = 1; index < levels.length; index++) {
    const previous = levels[index - 1]!;
    const current = levels[index]!;
    if (current.level > previous.level + 1) findings.push(`titres : « ${current.text} » (h${current.level}) suit « ${previous.text} » (h${previous.level}) : niveau sauté`);
  }
  return findings;
}
