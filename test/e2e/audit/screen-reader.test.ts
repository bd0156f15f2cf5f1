import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, launchBrowser, login, newPage } from '../../support/browser.js';
import { startE2EServer, type E2EServer } from '../../support/e2e-server.js';
import { loadAuditIds, type AuditIds } from './pages.js';

// What a screen reader is given on the family pages: Chromium's accessibility tree (CDP
// Accessibility.getFullAXTree), not the DOM. One level-1 heading matching the title, the
// landmarks, a name on every control, the stepper's current step, the dialog named and modal, and
// the polite live region's announcement after each htmx action.

type AXValue = { value?: unknown };
type AXNode = {
  nodeId: string;
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
  parentId?: string;
};

class AccessibilityTree {
  private readonly byId: Map<string, AXNode>;
  private readonly parentOf = new Map<string, string>();
  constructor(readonly nodes: AXNode[]) {
    this.byId = new Map(nodes.map((node) => [node.nodeId, node]));
    for (const node of nodes) for (const child of node.childIds ?? []) this.parentOf.set(child, node.nodeId);
  }
  static async of(page: Page): Promise<AccessibilityTree> {
    const session = await page.context().newCDPSession(page);
    try {
      await session.send('Accessibility.enable');
      const { nodes } = (await session.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
      return new AccessibilityTree(nodes);
    } finally {
      await session.detach();
    }
  }
  visible(): AXNode[] {
    return this.nodes.filter((node) => !node.ignored);
  }
  withRole(role: string): AXNode[] {
    return this.visible().filter((node) => roleOf(node) === role);
  }
  /** The text a screen reader reads inside a node (its static text descendants). */
  textOf(node: AXNode): string {
    const parts: string[] = [];
    const walk = (current: AXNode) => {
      if (roleOf(current) === 'StaticText' && !current.ignored) parts.push(nameOf(current));
      for (const id of current.childIds ?? []) {
        const child = this.byId.get(id);
        if (child) walk(child);
      }
    };
    walk(node);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  }
  /** Whether `node` lies inside a node with the given role. */
  inside(node: AXNode, role: string): boolean {
    const parentOf = (current: AXNode) => {
      const id = current.parentId ?? this.parentOf.get(current.nodeId);
      return id ? this.byId.get(id) : undefined;
    };
    for (let parent = parentOf(node); parent; parent = parentOf(parent)) {
      if (roleOf(parent) === role) return true;
    }
    return false;
  }
}

const roleOf = (node: AXNode) => String(node.role?.value ?? '');
const nameOf = (node: AXNode) => String(node.name?.value ?? '').trim();
const property = (node: AXNode, name: string) => node.properties?.find((entry) => entry.name === name)?.value.value;

const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'searchbox', 'listbox', 'switch', 'slider', 'menuitem', 'tab']);

/** The checks every family page must pass, as read from the tree. */
async function expectReadablePage(page: Page): Promise<AccessibilityTree> {
  const tree = await AccessibilityTree.of(page);
  const where = `${page.url()}`;
  // The title is « <page> — <pupil> — Orientation »; the heading says the page (the official wording may be in capitals).
  const title = (await page.title()).replace(/ — Orientation$/, '').replace(/^Erreur : /, '');
  const comparable = (text: string) => text.toLocaleLowerCase('fr').replace(/\(s\)/g, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();

  const h1 = tree.withRole('heading').filter((node) => Number(property(node, 'level')) === 1);
  expect(h1.map(nameOf), `${where} : un seul titre de niveau 1`).toHaveLength(1);
  const heading = nameOf(h1[0]!);
  const [page_] = title.split(' — ');
  const matches = comparable(heading).includes(comparable(page_!)) || comparable(title).includes(comparable(heading));
  expect(matches, `${where} : le titre de niveau 1 « ${heading} » ne correspond pas au titre de la page « ${title} »`).toBe(true);

  const roles = new Set(tree.visible().map(roleOf));
  for (const landmark of ['banner', 'main', 'contentinfo']) expect(roles.has(landmark), `${where} : repère ${landmark} absent`).toBe(true);
  expect(tree.withRole('navigation').some((node) => nameOf(node) !== ''), `${where} : aucune navigation nommée`).toBe(true);

  const unnamed = tree.visible().filter((node) => CONTROL_ROLES.has(roleOf(node)) && nameOf(node) === '');
  expect(unnamed.map((node) => `${roleOf(node)} ${node.nodeId}`), `${where} : contrôles sans nom`).toEqual([]);

  const stepper = tree.withRole('navigation').find((node) => nameOf(node) === 'Étapes de la procédure d’orientation');
  if (stepper) {
    // CDP does not expose aria-current: the step's own words tell which is current (the DOM carries aria-current="step" too).
    const steps = tree.withRole('listitem').filter((node) => tree.inside(node, 'navigation') && /^Étape \d+ : /.test(tree.textOf(node)));
    const items = tree.withRole('listitem').filter((node) => tree.inside(node, 'navigation')).map((node) => tree.textOf(node));
    expect(steps.length, `${where} : les étapes ne sont pas lues « Étape n : … » (${JSON.stringify(items)})`).toBeGreaterThanOrEqual(3);
    const current = steps.filter((node) => tree.textOf(node).endsWith('(étape en cours)'));
    expect(current.map((node) => tree.textOf(node)), `${where} : l’étape en cours n’est pas annoncée`).toHaveLength(1);
  }
  return tree;
}

/** The polite live region's text, as read from the tree. */
async function announcement(page: Page): Promise<string> {
  const tree = await AccessibilityTree.of(page);
  const region = tree.withRole('status').find((node) => property(node, 'live') === 'polite');
  expect(region, 'région live polie (role="status") absente').toBeDefined();
  return tree.textOf(region!);
}

/** Waits for the live region to say something new (it is emptied, then filled, by static/app.js) and returns it. */
async function nextAnnouncement(page: Page, previous: string): Promise<string> {
  let said = '';
  await expect
    .poll(
      async () => {
        said = await announcement(page);
        return said !== '' && said !== previous;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return said;
}

let server: E2EServer;
let browser: Browser;
let ids: AuditIds;
beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  ids = await loadAuditIds(server.database.db);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function asFamily<T>(user: string, body: (page: Page) => Promise<T>): Promise<T> {
  const page = await newPage(browser, { javaScript: true, baseUrl: server.baseUrl });
  try {
    await login(page, user);
    return await body(page);
  } finally {
    await closePage(page);
  }
}

describe('ce que lit un lecteur d’écran sur les pages des familles', () => {
  const pages: [string, string, (ids: AuditIds) => string][] = [
    ['famille.aubrac.1', 'mes enfants', () => '/famille'],
    ['famille.aubrac.1', 'l’orientation de Léa', (i) => `/orientation/${i.lea}`],
    ['famille.aubrac.1', 'les intentions de Léa', (i) => `/orientation/${i.lea}/intentions`],
    ['famille.zay.2', 'l’avis provisoire de Hugo Petit', (i) => `/orientation/${i.hugoPetit}/avis-provisoire`],
    ['famille.veil.1', 'les choix définitifs d’Inès', (i) => `/orientation/${i.ines}/choix-definitifs`],
    ['famille.hugo.1', 'les propositions pour Nathan', (i) => `/orientation/${i.nathan}/propositions`],
    ['famille.hugo.1', 'la décision pour Nathan', (i) => `/orientation/${i.nathan}/decision`],
    ['eleve.aubrac', 'l’accueil de l’élève', () => '/eleve'],
    ['famille.aubrac.1', 'la fiche de renseignements', () => '/fiche-de-renseignements'],
  ];
  for (const [user, name, path] of pages) {
    it(`${name} : un titre de niveau 1, les repères, chaque contrôle nommé, l’étape en cours`, async () => {
      await asFamily(user, async (page) => {
        await page.goto(path(ids));
        await expectReadablePage(page);
      });
    });
  }

  it('le dialogue d’ajout est nommé et modal, et chaque action htmx est annoncée dans la région live', async () => {
    await asFamily('famille.aubrac.1', async (page) => {
      await page.goto(`/orientation/${ids.lea}/intentions`);
      const tree = await expectReadablePage(page);
      const stepper = tree.withRole('navigation').find((node) => nameOf(node) === 'Étapes de la procédure d’orientation');
      expect(stepper, 'le stepper est absent de la page des intentions').toBeDefined();

      await page.getByRole('link', { name: 'Ajouter une intention' }).click();
      await page.getByRole('dialog', { name: 'Saisie des intentions' }).locator('form').waitFor({ state: 'visible' });
      const withDialog = await AccessibilityTree.of(page);
      const dialogs = withDialog.withRole('dialog');
      expect(dialogs.map(nameOf)).toEqual(['Saisie des intentions']);
      expect(property(dialogs[0]!, 'modal'), 'le dialogue n’est pas modal').toBe(true);
      // Behind a modal dialog, the page is out of reach: no control of the page is exposed any more.
      expect(withDialog.visible().filter((node) => roleOf(node) === 'button' && nameOf(node) === 'Se déconnecter')).toEqual([]);

      const dialog = page.getByRole('dialog', { name: 'Saisie des intentions' });
      await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
      await dialog.getByRole('alert').waitFor({ state: 'visible' });
      const withError = await AccessibilityTree.of(page);
      expect(withError.withRole('alert').map((node) => withError.textOf(node)).join(' ')).toContain('Vous devez sélectionner une voie.');

      await dialog.getByLabel('1re année de CAP', { exact: true }).check();
      await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
      const added = await nextAnnouncement(page, '');
      expect(added).toMatch(/ajout/i);
      expect(await page.locator('dialog[open]').count(), 'le dialogue est resté ouvert').toBe(0);

      await page.getByRole('link', { name: 'Ajouter une intention' }).click();
      await dialog.locator('form').waitFor({ state: 'visible' });
      await dialog.getByLabel('2de professionnelle', { exact: true }).check();
      await dialog.getByLabel('Métier ou formation').fill('Ébéniste');
      await dialog.getByLabel('Sous statut scolaire').check();
      await dialog.getByRole('button', { name: "Ajouter l'intention" }).click();
      const addedAgain = await nextAnnouncement(page, added);
      expect(addedAgain).toMatch(/ajout/i);

      await page.getByRole('button', { name: /^Monter/ }).last().click();
      const moved = await nextAnnouncement(page, addedAgain);
      expect(moved).toMatch(/rang|mont|déplac/i);

      await page.getByRole('button', { name: /^Supprimer/ }).first().click();
      const removed = await nextAnnouncement(page, moved);
      expect(removed).toMatch(/supprim/i);
      await expectReadablePage(page);
    });
  });
});
