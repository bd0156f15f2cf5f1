import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/smtp-server.js';

// The real service as a separate process (src/server.ts through tsx), on a given database, with a
// small cookie-keeping HTTP client: what a browser and a load balancer see.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export type ServiceProcess = {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no grace, no cleanup, as a crashed container. */
  kill(): Promise<void>;
};

export async function startService(env: Record<string, string>, port?: number): Promise<ServiceProcess> {
  const chosen = port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${chosen}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_REQUESTS: 'false', HOST: '127.0.0.1', PORT: String(chosen), PUBLIC_ORIGIN: baseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += String(chunk)));
  child.stderr!.on('data', (chunk) => (text += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le service s’est arrêté au démarrage :\n${text}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`le service n’a pas démarré en 120 s :\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    child,
    output: () => text,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A browser's minimum: cookies, same-origin form posts, no redirect following. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  constructor(public baseUrl: string) {}

  /** One request on its own connection (no keep-alive: a reused socket closed by the server would read as a fault). */
  async request(path: string, init: { method?: string; form?: Record<string, string> | Array<[string, string]> } = {}): Promise<Response> {
    const headers: Record<string, string> = { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '), Connection: 'close' };
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(body));
      headers.Origin = this.baseUrl;
    }
    const url = new URL(path, this.baseUrl);
    const { status, setCookies, text, responseHeaders } = await new Promise<{ status: number; setCookies: string[]; text: string; responseHeaders: Headers }>((resolve, reject) => {
      const request = http.request(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve({ status: response.statusCode ?? 0, setCookies: response.headers['set-cookie'] ?? [], text: Buffer.concat(chunks).toString('utf8'), responseHeaders });
        });
      });
      request.on('error', reject);
      request.end(body);
    });
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return new Response(status === 204 || status === 304 ? null : text, { status, headers: responseHeaders });
  }

  post(path: string, form: Record<string, string> | Array<[string, string]>): Promise<Response> {
    return this.request(path, { form });
  }

  async login(login: string, password = 'orientation'): Promise<void> {
    const response = await this.post('/connexion', { identifiant: login, mot_de_passe: password });
    if (response.status !== 303) throw new Error(`connexion de ${login} refusée (${response.status})`);
    await response.arrayBuffer();
  }
}
