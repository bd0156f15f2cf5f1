import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findStaticDir } from '../../src/http/find-static-dir.js';
import { loadStaticAssets, type StaticAssets } from '../../src/http/static-assets.js';
import { createTestDatabase, TEST_SEED_INSTANT } from './database.js';

let assets: StaticAssets | undefined;

export const TEST_ORIGIN = 'http://localhost:3000';

export type TestApp = {
  app: ReturnType<typeof createApp>;
  database: DatabaseHandle;
  config: Config;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
};

/** The whole service on a fresh database, with the demo académie unless told otherwise, and a clock the test moves. */
export async function createTestApp(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ seed: options.seed ?? true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false', PUBLIC_ORIGIN: TEST_ORIGIN, ...options.env });
  const clock = {
    now: TEST_SEED_INSTANT,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  assets ??= loadStaticAssets(findStaticDir());
  const app = createApp({ db: database.db, config, assets, now: () => clock.now });
  return { app, database, config, clock, close: () => database.close() };
}

/** A browser-like client: keeps its cookies, sends the Origin header of a same-origin form post. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: TestApp['app'],
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** A form post; pairs (`[name, value][]`) send a repeated field as a browser does (spécialités, voies). */
  async post(path: string, form: Record<string, string> | Array<[string, string]>, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: TEST_ORIGIN, ...headers },
    });
  }

  /** A multipart form with one file, as a file input sends it. */
  async postFile(path: string, field: string, file: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }, form: Record<string, string> = {}): Promise<Response> {
    const body = new FormData();
    for (const [name, value] of Object.entries(form)) body.append(name, value);
    body.append(field, new File([file.bytes], file.name, { type: file.type ?? 'text/csv' }));
    const request = new Request(`${TEST_ORIGIN}${path}`, { method: 'POST', body });
    return this.send(path, {
      method: 'POST',
      body: new Uint8Array(await request.arrayBuffer()),
      headers: { 'Content-Type': request.headers.get('Content-Type')!, Origin: TEST_ORIGIN },
    });
  }

  async login(login: string, password = 'orientation'): Promise<Response> {
    return this.post('/connexion', { identifiant: login, mot_de_passe: password });
  }

  private async send(path: string, init: { method: string; body?: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> }): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.request(`${TEST_ORIGIN}${path}`, {
      method: init.method,
      ...(init.body === undefined ? {} : { body: init.body }),
      headers: { ...this.headers, ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((attribute) => /max-age=0/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return response;
  }
}

/** A client signed in as the given demo account. */
export async function signedIn(t: TestApp, login: string, password = 'orientation'): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.login(login, password);
  return client;
}

/** The text a person reads in the page's main content: tags dropped, entities decoded, spaces folded. */
export function mainText(html: string): string {
  const main = html.match(/<main[^>]*>([\s\S]*)<\/main>/)?.[1] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function titleOf(html: string): string {
  return html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
}
