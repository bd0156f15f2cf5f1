import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/domain/csv.js';
import { sharedDemoPasswordHash } from '../support/database.js';
import { databaseFingerprint } from '../support/fingerprint.js';
import { createTestApp, mainText, TEST_ORIGIN, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// Hostile input. Every form of the service (every POST route, read from Hono's route table) gets
// bodies built by fast-check from the form as the page really shows it — fields dropped, values
// replaced by huge strings, unicode edge cases, HTML and SQL metacharacters, wrong types and enum
// values, forged ranks and ids, keys repeated, unknown keys, bodies that are not a form at all.
// Whatever arrives:
//   - never a 5xx;
//   - a refusal (4xx) is a French page that says what is wrong, and writes nothing at all;
//   - an accepted form (303, or 200 for a preview) writes whole: a changed file has its history
//     line, and the page it leads to still answers;
//   - text sent back or stored always comes out escaped: the canary element never appears as markup.

const RUNS_PER_FORM = Number(process.env.HOSTILE_RUNS ?? 40);
const CANARY = '<x-canari data-x="1">';
const CANARY_MARKUP = /<x-canari/i;

const HOSTILE_STRINGS = [
  CANARY,
  `"'>${CANARY}`,
  `</textarea><script>alert(1)</script>`,
  `<img src=x onerror=alert(1)>`,
  `javascript:alert(1)`,
  `' OR '1'='1`,
  `'; drop table pupil; --`,
  `1; select pg_sleep(5)`,
  `\\`,
  `%00`,
  '\u0000',
  '\uFEFF',
  '\u202E\u2066abc',
  '\u200B',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '\uD800',
  '𝕬𝖇𝖈',
  'Ｆａｍｉｌｌｅ',
  '=HYPERLINK("http://x")',
  '+33 6 00',
  '-1',
  '0',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '9007199254740993',
  '2027-02-30',
  '31/12/99999',
  '25:61',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'supprimer-0',
  'supprimer-999',
  'monter-1',
  'descendre-99',
  'monter--1',
  'unfavorable',
  'favorable',
  'oui',
  'non',
  '2GT',
  '1G',
  'STI2D',
  'CAP',
  ' ',
  '',
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2_147_483_649, max: 2_147_483_649 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((value) => `${value}${CANARY}`) },
  // Huge values: some fit the 100 KiB form limit, some do not (« Envoi trop volumineux »).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'é', '<'), fc.integer({ min: 1_000, max: 40_000 })).map(([character, length]) => character.repeat(length)) },
);

type Pairs = Array<[string, string]>;

/** Every field name seen in a form of the service: a form may be sent another form's fields. */
const ALL_FIELD_NAMES: string[] = [];

/** A mutation of the form as shown: fast-check shrinks a failure to the fewest of them. */
const mutation = (names: string[]) => {
  const name = fc.oneof(
    { weight: names.length > 0 ? 6 : 0, arbitrary: names.length > 0 ? fc.constantFrom(...names) : hostileString },
    { weight: ALL_FIELD_NAMES.length > 0 ? 2 : 0, arbitrary: ALL_FIELD_NAMES.length > 0 ? fc.constantFrom(...ALL_FIELD_NAMES) : hostileString },
    { weight: 1, arbitrary: hostileString },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), name }),
    fc.record({ kind: fc.constant('replace' as const), name, value: hostileString }),
    fc.record({ kind: fc.constant('duplicate-before' as const), name, value: hostileString }),
    fc.record({ kind: fc.constant('duplicate-after' as const), name, value: hostileString }),
    fc.record({ kind: fc.constant('add' as const), name: hostileString, value: hostileString }),
  );
};
type Mutation = { kind: 'drop' | 'replace' | 'duplicate-before' | 'duplicate-after' | 'add'; name: string; value?: string };

function applyMutations(base: Pairs, mutations: Mutation[]): Pairs {
  let pairs = base.map(([name, value]): [string, string] => [name, value]);
  for (const m of mutations) {
    if (m.kind === 'drop') pairs = pairs.filter(([name]) => name !== m.name);
    else if (m.kind === 'replace') pairs = pairs.some(([name]) => name === m.name) ? pairs.map(([name, value]) => [name, name === m.name ? m.value! : value]) : [...pairs, [m.name, m.value!]];
    else if (m.kind === 'duplicate-before') pairs = [[m.name, m.value!], ...pairs];
    else pairs = [...pairs, [m.name, m.value!]];
  }
  return pairs;
}

type Body = { kind: 'form'; pairs: Pairs } | { kind: 'raw'; contentType: string; bytes: Uint8Array<ArrayBuffer> };

const rawBody = fc.oneof(
  fc.record({ contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=utf-16'), bytes: fc.uint8Array({ maxLength: 300 }) }),
  fc.constantFrom(
    { contentType: 'application/x-www-form-urlencoded', text: '%' },
    { contentType: 'application/x-www-form-urlencoded', text: '%E9%ZZ=%C3&&==&a=%FF%FE' },
    { contentType: 'application/x-www-form-urlencoded', text: 'a[]=1&a[0][b]=2&__proto__[x]=1&constructor[prototype][x]=1' },
    { contentType: 'application/json', text: '{"identifiant":["a"],"__proto__":{"admin":true}}' },
    { contentType: 'multipart/form-data; boundary=zzz', text: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n' },
  ).map(({ contentType, text }) => ({ contentType, bytes: new TextEncoder().encode(text) as Uint8Array<ArrayBuffer> })),
);

const bodyFor = (base: Pairs) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(mutation([...new Set(base.map(([name]) => name))]), { minLength: 1, maxLength: 4 }).map((ms): Body => ({ kind: 'form', pairs: applyMutations(base, ms) })) },
    { weight: 1, arbitrary: fc.array(fc.tuple(hostileString, hostileString), { maxLength: 6 }).map((pairs): Body => ({ kind: 'form', pairs })) },
    { weight: 1, arbitrary: rawBody.map((raw): Body => ({ kind: 'raw', ...raw })) },
  );

// --- The forms as the pages show them -------------------------------------------------------

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

type ScrapedForm = { action: string; pairs: Pairs };

/** The POST forms of a page, each with what a browser would send without touching anything. */
function formsOf(html: string, pagePath: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const form = attributes(match[1]!);
    if ((form['method'] ?? 'get').toLowerCase() !== 'post') continue;
    const inner = match[2]!;
    const pairs: Pairs = [];
    const radios = new Map<string, string>();
    for (const input of inner.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(input[1]!);
      if (!a['name'] || 'disabled' in a) continue;
      const type = (a['type'] ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'file') continue;
      if (type === 'radio') {
        if ('checked' in a) radios.set(a['name'], a['value'] ?? 'on');
        else if (!radios.has(a['name'])) radios.set(a['name'], a['value'] ?? 'on');
        continue;
      }
      if (type === 'checkbox' && !('checked' in a)) continue;
      pairs.push([a['name'], a['value'] ?? (type === 'checkbox' ? 'on' : '')]);
    }
    pairs.push(...radios);
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(select[1]!);
      if (!a['name']) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>([^<]*)/g)].map((o) => ({ a: attributes(o[1]!), text: decode(o[2]!.trim()) }));
      const chosen = options.find((o) => 'selected' in o.a) ?? options.find((o) => (o.a['value'] ?? o.text) !== '') ?? options[0];
      if (chosen) pairs.push([a['name'], chosen.a['value'] ?? chosen.text]);
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(area[1]!);
      if (a['name']) pairs.push([a['name'], decode(area[2]!)]);
    }
    const button = [...inner.matchAll(/<button\b([^>]*)>/g)].map((b) => attributes(b[1]!)).find((a) => a['name']);
    if (button) pairs.push([button['name']!, button['value'] ?? '']);
    forms.push({ action: form['action'] || pagePath, pairs });
  }
  return forms;
}

/** Hono's `/a/:id{[0-9]+}/b` as a regular expression. */
function routePattern(path: string): RegExp {
  let source = '';
  let rest = path;
  const param = /:(\w+)(\{((?:[^{}]|\{[^{}]*\})*)\})?/;
  for (let m = param.exec(rest); m; m = param.exec(rest)) {
    source += rest.slice(0, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    source += m[3] ? `(?:${m[3]})` : '[^/]+';
    rest = rest.slice(m.index + m[0].length);
  }
  return new RegExp(`^${source}${rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

// --- The world the forms are tried in ----------------------------------------------------------

let t: TestApp;
const clients = new Map<string, TestClient>();
type FormCase = { route: string; client: string; action: string; pairs: Pairs; origin: string };
const cases = new Map<string, FormCase>();
let postRoutes: string[] = [];

// Forms the demo does not show in any state reached below, with the fields their route reads.
const NOT_SHOWN: Record<string, { client: string; action: (ids: Ids) => string; pairs: Pairs }> = {
  'POST /etablissement/campagne/creer': { client: 'chef.aubrac', action: () => '/etablissement/campagne/creer', pairs: [] },
  'POST /orientation/:pupilId/propositions/confirmer': { client: 'famille.hugo.1', action: (ids) => `/orientation/${ids.nathan}/propositions/confirmer`, pairs: [['voie', '1G'], ['aucune', '']] },
  'POST /orientation/:pupilId/propositions/accord/verifier': { client: 'famille.hugo.2', action: (ids) => `/orientation/${ids.nathan}/propositions/accord/verifier`, pairs: [['accord', 'oui']] },
  'POST /orientation/:pupilId/propositions/accord/confirmer': { client: 'famille.hugo.2', action: (ids) => `/orientation/${ids.nathan}/propositions/accord/confirmer`, pairs: [['accord', 'oui']] },
  'POST /etablissement/import/:batchId{[1-9][0-9]{0,9}}': { client: 'chef.aubrac', action: () => '/etablissement/import/1', pairs: [] },
  // The steps after « Recevoir mon code SMS » (issue 11): without a flow of this browser they send it back to the start.
  'POST /activation/code': { client: 'anonyme', action: () => '/activation/code', pairs: [['code', '']] },
  'POST /activation/naissances': { client: 'anonyme', action: () => '/activation/naissances', pairs: [['naissance-1', '']] },
  'POST /activation/mot-de-passe': { client: 'anonyme', action: () => '/activation/mot-de-passe', pairs: [['mot_de_passe', ''], ['confirmation', '']] },
  'POST /recuperation/code': { client: 'anonyme', action: () => '/recuperation/code', pairs: [['code', '']] },
  'POST /recuperation/nouveau-mot-de-passe': { client: 'anonyme', action: () => '/recuperation/nouveau-mot-de-passe', pairs: [['mot_de_passe', ''], ['confirmation', '']] },
  // Shown only to a browser back from an identity provider with an identity to link (none is
  // configured here): without one waiting, any body goes back to the login page and writes nothing.
  // The form itself is tried with a waiting identity in test/integration/federation.test.ts.
  'POST /connexion/federation/relier': { client: 'anonyme', action: () => '/connexion/federation/relier', pairs: [['identifiant', 'famille.hugo.1'], ['mot_de_passe', 'orientation']] },
};
// Signing out takes no field and ends the session the other forms need: tried last, alone.
const NO_BODY = new Set(['POST /deconnexion']);

type Ids = { lea: number; hugo: number; ines: number; nathan: number; aubrac: number; aubracDivision: number; hugoDivision: number; nathanDivision: number; ines_division: number };

// Which pages each person opens: every POST form found there is tried as that person.
const CRAWL: Array<{ login: string | null; pages: (ids: Ids) => string[] }> = [
  { login: null, pages: () => ['/connexion', '/activation', '/mot-de-passe-oublie', '/identifiant-oublie'] },
  {
    login: 'famille.aubrac.1',
    pages: (ids) => [`/orientation/${ids.lea}/intentions`, `/orientation/${ids.lea}/intentions/ajouter`, '/fiche-de-renseignements', `/fiche-de-renseignements/confirmer?jeton=${TOKEN}`, '/mot-de-passe'],
  },
  { login: 'famille.veil.1', pages: (ids) => [`/orientation/${ids.ines}/choix-definitifs`, `/orientation/${ids.ines}/choix-definitifs/ajouter`] },
  { login: 'famille.zay.1', pages: (ids) => [`/orientation/${ids.hugo}/avis-provisoire`] },
  { login: 'famille.hugo.1', pages: (ids) => [`/orientation/${ids.nathan}/propositions`] },
  {
    login: 'chef.aubrac',
    pages: (ids) => [
      `/etablissement/eleves/${ids.lea}/intentions`,
      `/etablissement/eleves/${ids.lea}/intentions/ajouter`,
      `/etablissement/eleves/${ids.lea}`,
      `/etablissement/divisions/${ids.aubracDivision}/conseil/avis-provisoires`,
      `/etablissement/divisions/${ids.aubracDivision}/suivi`,
      '/etablissement/comptes',
      '/etablissement/personnels',
      '/etablissement/import',
      '/etablissement/campagne',
    ],
  },
  { login: 'chef.veil', pages: (ids) => [`/etablissement/eleves/${ids.ines}/choix-definitifs`, `/etablissement/eleves/${ids.ines}/choix-definitifs/ajouter`] },
  { login: 'chef.hugo', pages: (ids) => [`/etablissement/eleves/${ids.nathan}`, `/etablissement/divisions/${ids.nathanDivision}/conseil/propositions`] },
  { login: 'chef.zay', pages: (ids) => [`/etablissement/eleves/${ids.hugo}`] },
  { login: 'admin.academie', pages: (ids) => ['/academie/etablissements/nouveau', `/academie/etablissements/${ids.aubrac}`] },
];
const TOKEN = createHash('sha256').update('hostile-input').digest('base64url');

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  postRoutes = [...new Set(t.app.routes.filter((route) => route.method === 'POST').map((route) => `POST ${route.path}`))];
  const pupil = (first: string, last: string) => db.selectFrom('pupil').select(['id', 'division_id']).where('first_name', '=', first).where('last_name', '=', last).executeTakeFirstOrThrow();
  const [lea, hugo, ines, nathan] = [await pupil('Léa', 'Martin'), await pupil('Hugo', 'Petit'), await pupil('Inès', 'Bernard'), await pupil('Nathan', 'Roux')];
  const aubrac = await db.selectFrom('school').select('id').where('uai', '=', '0990001A').executeTakeFirstOrThrow();
  const ids: Ids = { lea: lea.id, hugo: hugo.id, ines: ines.id, nathan: nathan.id, aubrac: aubrac.id, aubracDivision: lea.division_id, hugoDivision: hugo.division_id, nathanDivision: nathan.division_id, ines_division: ines.division_id };

  // An address link waiting for famille.aubrac.1, so that its confirmation form is on a page.
  const account = await db.selectFrom('user_account').select(['id', 'representative_id']).where('login', '=', 'famille.aubrac.1').executeTakeFirstOrThrow();
  await db
    .insertInto('email_change')
    .values({ representative_id: account.representative_id!, account_id: account.id, new_email: 'nouvelle@example.org', token_hash: createHash('sha256').update(TOKEN, 'utf8').digest(), expires_at: new Date(t.clock.now.getTime() + 86_400_000), created_at: t.clock.now })
    .execute();
  await sharedDemoPasswordHash();

  for (const { login, pages } of CRAWL) {
    const client = new TestClient(t.app);
    if (login) expect((await client.login(login)).status, login).toBe(303);
    clients.set(login ?? 'anonyme', client);
    for (const page of pages(ids)) {
      const response = await client.get(page);
      expect(response.status, page).toBe(200);
      for (const form of formsOf(await response.text(), page.split('?')[0]!)) {
        const action = form.action.split('?')[0]!;
        const route = postRoutes.find((key) => routePattern(key.slice(5)).test(action));
        if (!route || NO_BODY.has(route) || cases.has(route)) continue;
        cases.set(route, { route, client: login ?? 'anonyme', action: form.action, pairs: form.pairs, origin: page });
      }
    }
  }
  ALL_FIELD_NAMES.push(...new Set([...cases.values()].flatMap((form) => form.pairs.map(([name]) => name))));
  // Forms of a pupil's file that only show at another step: tried on a file at the dialogue step.
  for (const route of postRoutes) {
    if (cases.has(route) || NO_BODY.has(route) || route in NOT_SHOWN) continue;
    const path = route.slice(5);
    if (path.startsWith('/etablissement/eleves/:pupilId/')) NOT_SHOWN[route] = { client: 'chef.hugo', action: (ids) => path.replace(':pupilId', String(ids.nathan)), pairs: [] };
    if (path.startsWith('/orientation/:pupilId/')) NOT_SHOWN[route] = { client: 'famille.hugo.1', action: (ids) => path.replace(':pupilId', String(ids.nathan)), pairs: [] };
  }
  for (const [route, manual] of Object.entries(NOT_SHOWN)) {
    if (cases.has(route)) continue;
    if (!clients.has(manual.client)) {
      const client = new TestClient(t.app);
      expect((await client.login(manual.client)).status).toBe(303);
      clients.set(manual.client, client);
    }
    cases.set(route, { route, client: manual.client, action: manual.action(ids), pairs: manual.pairs, origin: '(saisie à la main)' });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function send(client: TestClient, action: string, body: Body): Promise<Response> {
  if (body.kind === 'form') {
    return client.post(action, body.pairs);
  }
  return (client as unknown as { send(path: string, init: { method: string; body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }): Promise<Response> }).send(action, {
    method: 'POST',
    body: body.bytes,
    headers: { 'Content-Type': body.contentType, Origin: TEST_ORIGIN },
  });
}

const FRENCH_REFUSAL = /role="alert"|class="notice"|Page introuvable|Envoi trop volumineux|Demande refusée/;
let tried = 0;
let reflected = 0;
const statuses = new Map<number, number>();

describe('saisies hostiles', () => {
  it('chaque formulaire du service est essayé (une route POST sans formulaire trouvé fait échouer ce test)', () => {
    const missing = postRoutes.filter((route) => !cases.has(route) && !NO_BODY.has(route));
    expect(missing).toEqual([]);
  });

  // The campaign's « Fermer maintenant » and a new password change what other forms may do: last.
  const LAST = ['POST /etablissement/campagne/:window/:action{ouvrir|fermer}', 'POST /etablissement/campagne', 'POST /mot-de-passe'];
  const order = (route: string) => LAST.indexOf(route);

  it('aucune erreur 500, aucune écriture partielle, un message en français, du texte toujours échappé', async () => {
    const list = [...cases.values()].sort((a, b) => order(a.route) - order(b.route));
    const perForm: string[] = [];
    for (const form of list) {
      const client = clients.get(form.client)!;
      let before = await databaseFingerprint(t.database.db);
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(bodyFor(form.pairs), async (body) => {
          tried++;
          const response = await send(client, form.action, body);
          const html = await response.text();
          const where = `${form.route} (${form.client}, ${form.action}) → ${response.status}`;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (html.includes('&lt;x-canari')) reflected++;
          expect(response.status, where).toBeLessThan(500);
          expect(html, `${where} : balise injectée non échappée`).not.toMatch(CANARY_MARKUP);
          const after = await databaseFingerprint(t.database.db);
          if (response.status >= 400) {
            expect(html, `${where} : pas de message en français`).toMatch(FRENCH_REFUSAL);
            expect(html).toContain('lang="fr"');
            if (response.status === 422) expect(titleOf(html), where).toMatch(/^Erreur : /);
            expect(after, `${where} : un refus a écrit en base`).toEqual(before);
          } else {
            expect([200, 303], where).toContain(response.status);
            // Whole writes: a pupil file that changed has its history line.
            if (after['pupil_file'] !== before['pupil_file']) expect(after['history'], `${where} : dossier modifié sans historique`).not.toBe(before['history']);
            const location = response.headers.get('Location');
            if (response.status === 303 && location && location.startsWith('/') && !location.startsWith('/connexion')) {
              const next = await client.get(location);
              expect(next.status, `${where} puis GET ${location}`).toBeLessThan(500);
              const nextHtml = await next.text();
              if (nextHtml.includes('&lt;x-canari')) reflected++;
              expect(nextHtml, `${where} puis GET ${location} : balise injectée non échappée`).not.toMatch(CANARY_MARKUP);
            }
          }
          before = after;
        }),
        { numRuns: RUNS_PER_FORM, seed: Number(process.env.HOSTILE_SEED ?? 20270315), endOnFailure: true },
      );
      perForm.push(`${form.route} : ${RUNS_PER_FORM} essais, ${Math.round(performance.now() - started)} ms`);
    }
    // Stored text read back where the school and the family see it: still escaped.
    for (const [, client] of clients) {
      for (const path of ['/etablissement', '/etablissement/personnels', '/etablissement/journal', '/famille', '/fiche-de-renseignements', '/academie']) {
        const response = await client.get(path);
        expect(await response.text(), path).not.toMatch(CANARY_MARKUP);
      }
    }
    // The canary did come back (escaped) in pages: the check above is not vacuous.
    expect(reflected).toBeGreaterThan(0);
    console.log(`saisies hostiles : ${cases.size} formulaires, ${tried} corps envoyés, ${reflected} pages montrant le canari échappé, statuts ${JSON.stringify(Object.fromEntries(statuses))}\n${perForm.join('\n')}`);
  }, 600_000);
});

describe('import CSV hostile et export neutralisé', () => {
  const HEADER = 'Division;INE;Nom;Prénom;Date de naissance;Nom RL1;Prénom RL1;Courriel RL1;Téléphone RL1;Nom RL2;Prénom RL2;Courriel RL2;Téléphone RL2';
  const fixtureLines = readFileSync(new URL('../fixtures/import-exemple.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1);

  const encodings = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map((bytes) => bytes as Uint8Array<ArrayBuffer>),
    fc.constantFrom(
      [0xff, 0xfe, 0x44, 0x00, 0x69, 0x00], // UTF-16 LE BOM
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], // two BOMs
      [0xc3], // truncated UTF-8
      [0xe9, 0x3b, 0xc3, 0xa9, 0x0a], // Windows-1252 and UTF-8 mixed
      [0x00, 0x00, 0x00],
      [0xed, 0xa0, 0x80], // an encoded surrogate
    ).map((prefix) => new Uint8Array([...prefix, ...new TextEncoder().encode(`${HEADER}\n${fixtureLines[0]}\n`)]) as Uint8Array<ArrayBuffer>),
    fc.array(fc.array(hostileString, { minLength: 0, maxLength: 15 }).map((cells) => cells.join(';')), { maxLength: 5 }).map(
      (lines) => new TextEncoder().encode(`${HEADER}\n${lines.join('\n')}`) as Uint8Array<ArrayBuffer>,
    ),
  );

  it('des fichiers mal encodés ou absurdes : jamais de 500, un message en français, rien d’importé', async () => {
    const chef = clients.get('chef.hugo') ?? new TestClient(t.app);
    if (!clients.has('chef.hugo')) await chef.login('chef.hugo');
    const pupils = async () => (await t.database.db.selectFrom('pupil').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    await fc.assert(
      fc.asyncProperty(encodings, async (bytes) => {
        const before = await pupils();
        const response = await chef.postFile('/etablissement/import', 'fichier', { name: 'eleves.csv', bytes });
        const html = await response.text();
        expect(response.status).toBeLessThan(500);
        expect([200, 422]).toContain(response.status);
        // The preview lists each faulty line with its number (« … ligne(s) en erreur »).
        if (response.status === 422) expect(mainText(html)).toMatch(/erreur|vide|en-tête/i);
        expect(html).not.toMatch(CANARY_MARKUP);
        expect(await pupils()).toBe(before);
      }),
      { numRuns: Math.max(20, Math.round(RUNS_PER_FORM / 2)), seed: 20270316, endOnFailure: true },
    );
  }, 300_000);

  it('des cellules qui ressemblent à une formule sont importées telles quelles et neutralisées à l’export', async () => {
    const chef = new TestClient(t.app);
    await chef.login('chef.zay');
    const formulas = ['=1+1', '+33600000000', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x";"y")'];
    const lines = formulas.map((formula, index) => `3e Z;12345678${index}ZZ;${formula};Prénom${index};14/05/2012;Famille${index};${formula};;;;;;`);
    const preview = await chef.postFile('/etablissement/import', 'fichier', { name: 'eleves.csv', bytes: new TextEncoder().encode(`${HEADER}\n${lines.join('\n')}\n`) as Uint8Array<ArrayBuffer> });
    const html = await preview.text();
    const batch = /action="\/etablissement\/import\/(\d+)"/.exec(html)?.[1];
    const stored: string[] = [];
    if (batch) {
      expect((await chef.post(`/etablissement/import/${batch}`, {})).status).toBe(303);
      stored.push(...(await t.database.db.selectFrom('pupil').select('last_name').where('last_name', 'in', formulas).execute()).map((row) => row.last_name));
    }
    // Whether the import keeps such names or refuses them, the export never starts a cell with = + - @.
    if (stored.length === 0) {
      const zay = await t.database.db.selectFrom('pupil').innerJoin('school', 'school.id', 'pupil.school_id').select('pupil.id').where('school.uai', '=', '0990002B').orderBy('pupil.id').limit(formulas.length).execute();
      for (const [index, row] of zay.entries()) await t.database.db.updateTable('pupil').set({ last_name: formulas[index]! }).where('id', '=', row.id).execute();
    }
    const csv = await (await chef.get('/etablissement/export.csv')).text();
    const cells = csv.split(/\r\n/).flatMap((line) => line.split(';')).map((cell) => cell.replace(/^"|"$/g, ''));
    for (const formula of formulas) expect(csv, formula).toContain(`'${formula.replace(/"/g, '""')}`);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('csvCell neutralise toute cellule qui commencerait par = + - @, tabulation ou retour chariot', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string().map((s) => `${['=', '+', '-', '@', '\t', '\r'][s.length % 6]}${s}`)), (value) => {
        const cell = csvCell(value);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(unquoted).not.toMatch(/^[=+\-@\t\r]/);
        expect(unquoted.replace(/^'/, '')).toBe(/^[=+\-@\t\r]/.test(value) ? value : unquoted.replace(/^'/, ''));
      }),
      { numRuns: 500 },
    );
  });
});
