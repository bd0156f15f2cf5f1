import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/smtp-server.js';

// A PostgreSQL cluster of the test's own (initdb in a temporary folder, its own port), so that a
// test can stop, restart or kill it without touching the machine's shared server.

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** PostgreSQL refuses to run as root: the cluster then belongs to the `postgres` system user. */
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? { file: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { file: command, args };

function run(command: string, args: string[], allowFailure = false): string {
  const { file, args: fullArgs } = asPostgres(join(BIN, command), args);
  const result = spawnSync(file, fullArgs, { encoding: 'utf8' });
  if (result.status !== 0 && !allowFailure) throw new Error(`${command} ${args.join(' ')} : ${result.stderr || result.stdout}`);
  return result.stdout;
}

export type PrivatePostgres = {
  url: string;
  port: number;
  start(): void;
  /** A fast stop (connections cut, as in a crash-restart of the server) then a start. */
  restart(): void;
  stop(): void;
  destroy(): void;
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'orientation-pg-'));
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50`;
  const log = join(root, 'postgres.log');
  const start = () => run('pg_ctl', ['-D', dataDir, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
  const stop = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], true);
  start();
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'orientation']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/orientation`,
    port,
    start,
    restart: () => {
      stop();
      start();
    },
    stop,
    destroy: () => {
      stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
