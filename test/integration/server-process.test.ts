import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// The real server process, as `npm start` runs it, on an embedded database in a temporary folder.

const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

type Started = { child: ChildProcess; port: number; output: () => string };

function startServer(env: Record<string, string>): { child: ChildProcess; ready: Promise<Started>; exited: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_REQUESTS: 'false', SEED_DEMO: 'false', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
  const ready = new Promise<Started>((resolve, reject) => {
    const check = () => {
      const match = output.match(/"message":"service démarré","url":"http:\/\/localhost:(\d+)"/);
      if (match) resolve({ child, port: Number(match[1]), output: () => output });
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => reject(new Error(`le service s'est arrêté (code ${code}) : ${output}`)));
  });
  ready.catch(() => {}); // a test that expects the process to stop awaits `exited` instead
  return { child, ready, exited };
}

function temporaryDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'orientation-test-'));
  folders.push(folder);
  return folder;
}

describe('le processus du service', () => {
  it('une variable d’environnement invalide arrête le service avec un message qui la nomme', async () => {
    const { exited } = startServer({ PORT: 'trois-mille', DATA_DIR: temporaryDataDir() });
    const { code, output } = await exited;
    expect(code).toBe(78);
    expect(output).toContain('PORT');
    expect(output).toContain('trois-mille');
  });

  it('un second processus sur le même dossier de données s’arrête avec un message clair', async () => {
    const dataDir = temporaryDataDir();
    const first = startServer({ DATA_DIR: dataDir });
    await first.ready;
    const second = startServer({ DATA_DIR: dataDir });
    const { code, output } = await second.exited;
    expect(code).toBe(78);
    expect(output).toContain('déjà utilisée par le processus');
    expect(output).toContain(String(first.child.pid));
    // The first one still serves.
    const { port } = await first.ready;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  }, 60_000);

  it('à SIGTERM, une requête en cours se termine, puis le service s’arrête et libère la base', async () => {
    const dataDir = temporaryDataDir();
    const server = startServer({ DATA_DIR: dataDir });
    const { child, port } = await server.ready;

    // A form whose body is still arriving when SIGTERM is sent.
    const body = 'identifiant=personne&mot_de_passe=secret';
    const response = new Promise<number>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/connexion',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length, Origin: `http://127.0.0.1:${port}` },
        },
        (incoming) => {
          incoming.resume();
          resolve(incoming.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => outgoing.end(body.slice(10)), 500);
      }, 300);
    });

    expect(await response).toBe(422);
    const { code, output } = await server.exited;
    expect(code).toBe(0);
    expect(output).toContain('service arrêté');

    // The lock is released: a new process opens the same folder.
    const again = startServer({ DATA_DIR: dataDir });
    await again.ready;
  }, 60_000);
});
