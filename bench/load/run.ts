// The load test of the deadline surge (`npm run bench:load`): the service built for production,
// on the local PostgreSQL, with a generated académie (100 000 pupils, 300 schools), measured
// with autocannon against a bare Hono « hello world » served the same way on the same machine.
// See README « Banc de charge ». Settings (environment):
//   PG_ADMIN_URL     postgres://postgres@127.0.0.1:5432/postgres   where the bench database is created
//   BENCH_DB         orientation_bench      the database (created, generated once, then reused)
//   BENCH_SCHOOLS / BENCH_PUPILS   300 / 100000
//   BENCH_DURATION   10 (seconds per scenario)
//   BENCH_SKIP_BUILD=1   reuse dist/ as it is
//   BENCH_CPU_PROF=1     start the service with `node --cpu-prof` (profiles in bench/load/profiles/)
//   BENCH_ONLY=a,c       run only these scenarios (hello always runs)
//   BENCH_ENV            extra environment for the service, e.g. "DATABASE_POOL_SIZE=20 LOG_REQUESTS=false"
import autocannon, { type RawRequest } from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../../src/auth/password.js';
import { ensureAcademy } from '../../src/db/academy.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { BENCH_PASSWORD, PUPIL_BUCKET_SQL, alignWindows, draftWishes, generateAcademie } from '../../scripts/generate-academie.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB ?? 'orientation_bench';
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 300);
const PUPILS = Number(process.env.BENCH_PUPILS ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const HELLO_PORT = 3998;
const APP_PORT = 3997;
const ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const DB_URL = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ——— The database ———

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (found.rowCount === 0) {
      say(`Base ${DB_NAME} absente : création.`);
      await admin.query(`create database ${pg.escapeIdentifier(DB_NAME)}`);
    } else {
      say(`Base ${DB_NAME} présente : réutilisée.`);
    }
  } finally {
    await admin.end();
  }
}

const schoolNumber = (alias: string) => sql.raw(`substr(${alias}.uai, 4, 4)::int`);

async function prepareData(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await ensureAcademy(db, { name: 'Académie de démonstration', timeZone: 'Europe/Paris' });
  const counts = await sql<{ schools: number; pupils: number }>`
    select (select count(*) from school where uai like '098%')::int as schools, (select count(*) from pupil)::int as pupils`.execute(db);
  const { schools, pupils } = counts.rows[0]!;
  if (schools === 0) {
    say(`Génération de l'académie (${SCHOOLS} établissements, ${PUPILS} élèves)…`);
    const summary = await generateAcademie(db, { schools: SCHOOLS, pupils: PUPILS, now: new Date(), passwordHash: await hashPassword(BENCH_PASSWORD), log: say });
    say(`Académie générée en ${(summary.ms / 1000).toFixed(1)} s : ${summary.pupils} élèves, ${summary.representatives} représentants, ${summary.accounts} comptes, ${summary.files} dossiers, ${summary.history} entrées d'historique.`);
  } else if (schools === SCHOOLS && pupils === PUPILS) {
    say(`La base contient déjà l'académie générée (${schools} établissements, ${pupils} élèves) : réutilisée sans régénération.`);
  } else {
    throw new Error(`La base ${DB_NAME} contient ${schools} établissements générés et ${pupils} élèves, pas ${SCHOOLS} / ${PUPILS} : supprimez-la (dropdb ${DB_NAME}) ou choisissez BENCH_DB.`);
  }
  await alignWindows(db, new Date());
  // Every run starts alike: no session, no login counter, and the families « en cours de saisie »
  // again with their draft of three choix définitifs and nothing validated (history stays: it is append-only).
  await sql`delete from session`.execute(db);
  await sql`delete from login_throttle`.execute(db);
  const started = performance.now();
  const draft3e = draftWishes('3e');
  const draft2de = draftWishes('2de');
  const reset = await db.transaction().execute(async (trx) => {
    await sql`create temporary table bench_draft on commit drop as
      select p.id as pupil_id, f.id as file_id, ua.id as account_id
      from pupil p
      join school s on s.id = p.school_id
      join pupil_file f on f.pupil_id = p.id
      join pupil_representative pr on pr.pupil_id = p.id and pr.position = 1
      join user_account ua on ua.representative_id = pr.representative_id
      where s.uai like '098%' and ${schoolNumber('s')} % 10 <> 0
        and ${sql.raw(PUPIL_BUCKET_SQL('p.id - (select min(id) from pupil) + 1'))} between 20 and 44`.execute(trx);
    await sql`delete from wish where phase = 'final' and file_id in (select file_id from bench_draft)`.execute(trx);
    await sql`delete from phase_validation where phase = 'final' and file_id in (select file_id from bench_draft)`.execute(trx);
    await sql`update pupil_file set final_status = 'empty' where final_status <> 'empty' and id in (select file_id from bench_draft)`.execute(trx);
    const drafts = await sql`insert into wish_draft (account_id, pupil_id, phase, wishes, base_version)
      select b.account_id, b.pupil_id, 'final', case when c.level = '2de' then ${draft2de}::jsonb else ${draft3e}::jsonb end, f.version
      from bench_draft b join pupil_file f on f.id = b.file_id join campaign c on c.id = f.campaign_id
      on conflict (account_id, pupil_id, phase) do update set wishes = excluded.wishes, base_version = excluded.base_version`.execute(trx);
    return Number(drafts.numAffectedRows ?? 0);
  });
  await sql`analyze`.execute(db);
  say(`Fenêtres des campagnes replacées autour de maintenant ; ${reset} familles remises « en cours de saisie » (${Math.round(performance.now() - started)} ms).`);
}

type Family = { login: string; pupilId: number };

async function pickFamilies(db: Kysely<Database>) {
  const choiceSchools = sql`s.uai like '098%' and ${schoolNumber('s')} % 10 <> 0 and ${schoolNumber('s')} % 5 <> 3`;
  const bucket = sql.raw(PUPIL_BUCKET_SQL('p.id - (select min(id) from pupil) + 1'));
  // Families whose choix définitifs are validated (the page shows the récapitulatif): spread over the académie.
  const viewers = await sql<Family>`
    select ua.login, p.id as "pupilId" from pupil p join school s on s.id = p.school_id
    join pupil_representative pr on pr.pupil_id = p.id and pr.position = 1
    join user_account ua on ua.representative_id = pr.representative_id
    where ${choiceSchools} and ${bucket} >= 55 and p.id % 97 = 0 order by p.id limit ${Number(process.env.BENCH_VIEWERS ?? 256)}`.execute(db);
  // Families with a draft of three choix définitifs, not validated yet: each validates once.
  const validators = await sql<Family & { accountId: number }>`
    select ua.login, ua.id as "accountId", d.pupil_id as "pupilId" from wish_draft d join user_account ua on ua.id = d.account_id
    join pupil_file f on f.pupil_id = d.pupil_id where d.phase = 'final' and f.final_status = 'empty' order by d.pupil_id`.execute(db);
  // Accounts for the login scenario: second representatives, each signs in once.
  const loginAccounts = await sql<{ login: string }>`
    select ua.login from pupil p join school s on s.id = p.school_id
    join pupil_representative pr on pr.pupil_id = p.id and pr.position = 2
    join user_account ua on ua.representative_id = pr.representative_id
    where ${choiceSchools} and p.id % 7 = 0 order by p.id limit 3000`.execute(db);
  const school = await sql<{ divisionId: number; schoolId: number; pupils: number }>`
    select d.id as "divisionId", s.id as "schoolId", (select count(*) from pupil where school_id = s.id)::int as pupils
    from school s join division d on d.school_id = s.id where s.uai like '0980001%' order by d.name`.execute(db);
  return { viewers: viewers.rows, validators: validators.rows, loginAccounts: loginAccounts.rows.map((r) => r.login), school: school.rows };
}

/** Sessions for the families that validate, written as a login writes them (src/auth/session.ts): thousands of scrypt logins would take minutes. */
async function directSessions(db: Kysely<Database>, accounts: number[]): Promise<string[]> {
  const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
  const random = () => [...randomBytes(24)].map((byte) => ALPHABET[byte >> 3]).join('');
  const now = new Date();
  const tokens: string[] = [];
  const rows: Array<{ id: string; user_id: number; secret_hash: Buffer; created_at: Date; last_verified_at: Date }> = [];
  for (const account of accounts) {
    const id = random();
    const secret = random();
    tokens.push(`${id}.${secret}`);
    rows.push({ id, user_id: account, secret_hash: createHash('sha256').update(secret).digest(), created_at: now, last_verified_at: now });
  }
  for (let start = 0; start < rows.length; start += 2000) await db.insertInto('session').values(rows.slice(start, start + 2000)).execute();
  return tokens;
}

// ——— Processes ———

type Server = { child: ChildProcess; logPath: string };

async function startServer(name: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<Server> {
  mkdirSync(join(here, 'logs'), { recursive: true });
  const logPath = join(here, 'logs', `${name}.log`);
  const out = openSync(logPath, 'w');
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(readyUrl);
      if (response.ok) return { child, logPath };
    } catch {
      // not yet
    }
    if (child.exitCode !== null) break;
    await sleep(200);
  }
  throw new Error(`${name} ne répond pas (${readyUrl}) : voir ${logPath}\n${readFileSync(logPath, 'utf8').slice(-2000)}`);
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
}

/** Peak resident memory of the process since it started (VmHWM), in MB. */
function peakRssMb(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return Number.NaN;
  }
}

// ——— Load ———

const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'orientation-bench', accept: 'text/html' };

type Outcome = {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  total: number;
  statuses: Record<string, number>;
  startedAt: number;
  endedAt: number;
  rssMb: number;
};

type Load = {
  name: string;
  url: string;
  connections: number;
  duration?: number;
  next: (context: Record<string, unknown>) => RawRequest & { expect: (status: number, headers: Record<string, string>) => boolean };
};

function percentile(sorted: number[], wanted: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * wanted) - 1)]!;
}

async function load(spec: Load, server: ChildProcess | null): Promise<Outcome> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const startedAt = Date.now();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration ?? DURATION,
    timeout: 10,
    headers: BROWSER_HEADERS,
    requests: [
      {
        setupRequest: (request, context) => {
          const next = spec.next(context);
          context.expect = next.expect;
          return { ...request, method: next.method ?? 'GET', path: next.path ?? '/', headers: { ...BROWSER_HEADERS, ...next.headers }, ...(next.body !== undefined ? { body: next.body } : {}) };
        },
        onResponse: (status, _body, context, headers) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          const expect = context.expect as (status: number, headers: Record<string, string>) => boolean;
          if (!expect(status, headers)) errors++;
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => latencies.push(time));
  const result = await instance;
  const endedAt = Date.now();
  latencies.sort((a, b) => a - b);
  return {
    name: spec.name,
    connections: spec.connections,
    rps: latencies.length / ((endedAt - startedAt) / 1000),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: errors + result.errors + result.timeouts,
    total: latencies.length,
    statuses,
    startedAt,
    endedAt,
    rssMb: server ? peakRssMb(server) : Number.NaN,
  };
}

const cookieOf = (token: string) => `orientation_session=${token}`;

async function login(login: string): Promise<{ token: string | null; ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${ORIGIN}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: new URLSearchParams({ identifiant: login, mot_de_passe: BENCH_PASSWORD }).toString(),
  });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('orientation_session='));
  return { token: cookie ? cookie.slice('orientation_session='.length).split(';')[0]! : null, ms: performance.now() - started, status: response.status };
}

async function loginAll(logins: string[], parallel: number): Promise<string[]> {
  const tokens: string[] = new Array(logins.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < logins.length) {
        const index = next++;
        const result = await login(logins[index]!);
        if (!result.token) throw new Error(`connexion refusée pour ${logins[index]} (HTTP ${result.status})`);
        tokens[index] = result.token;
      }
    }),
  );
  return tokens;
}

// ——— Query statistics from the service's log (SLOW_QUERY_MS) ———

type QueryWindow = { queries: number; slow: number; p99Ms: number; maxMs: number; slowShapes: Map<string, number> };

function queryWindows(logPath: string, outcomes: Outcome[]): Map<string, QueryWindow> {
  const lines = readFileSync(logPath, 'utf8').split('\n').filter((line) => line.includes('requête'));
  const windows = new Map<string, QueryWindow>();
  for (const outcome of outcomes) {
    const window: QueryWindow = { queries: 0, slow: 0, p99Ms: 0, maxMs: 0, slowShapes: new Map() };
    for (const line of lines) {
      let entry: { time: string; message: string; queries?: number; slow?: number; p99Ms?: number; maxMs?: number; sql?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      const at = Date.parse(entry.time);
      if (entry.message === 'requêtes SQL' && at > outcome.startedAt + 2_000 && at <= outcome.endedAt + 5_000) {
        // Summary lines cover the 5 s before them: those ending inside the scenario.
        window.queries += entry.queries ?? 0;
        window.slow += entry.slow ?? 0;
        window.p99Ms = Math.max(window.p99Ms, entry.p99Ms ?? 0);
        window.maxMs = Math.max(window.maxMs, entry.maxMs ?? 0);
      } else if (entry.message === 'requête lente' && at >= outcome.startedAt && at <= outcome.endedAt) {
        const shape = (entry.sql ?? '').slice(0, 90);
        window.slowShapes.set(shape, (window.slowShapes.get(shape) ?? 0) + 1);
      }
    }
    windows.set(outcome.name, window);
  }
  return windows;
}

// ——— EXPLAIN of the hot queries ———

async function explainHotQueries(db: Kysely<Database>, sample: { pupilId: number; accountId: number; divisionId: number; schoolId: number }): Promise<string> {
  const { pupilId, accountId, divisionId } = sample;
  const session = await db.selectFrom('session').select('id').limit(1).executeTakeFirst();
  const file = await db.selectFrom('pupil_file').select(['id', 'campaign_id']).where('pupil_id', '=', pupilId).executeTakeFirstOrThrow();
  const queries: Array<[string, string]> = [
    ['session lookup (every request)', `select id, user_id, secret_hash, created_at, last_verified_at from session where id = '${session?.id ?? 'x'}'`],
    ['current user (every request)', `select a.id, a.login, a.role, a.must_change_password, a.representative_id, a.pupil_id, a.academy_admin_id, s.id, s.school_id, s.role, coalesce(r.first_name, p.first_name, s.first_name, aa.first_name), coalesce(r.last_name, p.last_name, s.last_name, aa.last_name) from user_account a left join representative r on r.id = a.representative_id left join pupil p on p.id = a.pupil_id left join staff s on s.id = a.staff_id left join academy_admin aa on aa.id = a.academy_admin_id where a.id = ${accountId}`],
    ['wish draft (editor page)', `select wishes, base_version from wish_draft where account_id = ${accountId} and pupil_id = ${pupilId} and phase = 'final'`],
    ['history timeline (orientation home)', `select occurred_at, actor_name, actor_role, on_behalf_of, action from history where pupil_id = ${pupilId} order by occurred_at desc`],
    ['division follow-up (school, 28 pupils)', `select p.id, p.last_name, p.first_name, pv.validated_at, ak.acknowledged_at, fv.validated_at, f.final_status, f.accord_status, f.outcome_status, (select jsonb_agg(jsonb_build_object('name', r.first_name || ' ' || r.last_name, 'hasAccount', exists (select 1 from user_account ua where ua.representative_id = r.id), 'hasEmail', r.email is not null) order by pr.position) from pupil_representative pr join representative r on r.id = pr.representative_id where pr.pupil_id = p.id) from pupil p left join pupil_file f on f.pupil_id = p.id and f.campaign_id = ${file.campaign_id} left join phase_validation pv on pv.file_id = f.id and pv.phase = 'provisional' left join phase_validation fv on fv.file_id = f.id and fv.phase = 'final' left join acknowledgement ak on ak.file_id = f.id where p.division_id = ${divisionId} order by p.last_name, p.first_name, p.id`],
    ['mail problems of a school (follow-up page)', `select p.id, r.id, (select m.last_error from mail_outbox m where m.representative_id = r.id and m.status = 'failed' and m.kind <> 'address_confirmation' order by m.updated_at desc limit 1) from pupil p join division d on d.id = p.division_id join pupil_representative pr on pr.pupil_id = p.id join representative r on r.id = pr.representative_id left join mail_address_failure af on af.representative_id = r.id where p.school_id = ${sample.schoolId}`],
    ['validation: version guard', `update pupil_file set final_status = final_status, version = version where id = ${file.id} and version = (select version from pupil_file where id = ${file.id})`],
    ['validation: recap coalescing (outbox)', `select id from mail_outbox where coalesce_key = 'recap:${pupilId}:final' and recipient = 'x@example.org' and status = 'pending'`],
  ];
  // The page's one big read (src/pupil-file/load.ts), as the service sends it.
  const loadSource = readFileSync(join(root, 'src', 'pupil-file', 'load.ts'), 'utf8');
  const loadSql = /sql<Row>`([\s\S]*?)`\.execute/.exec(loadSource)?.[1]?.replace('${pupilId}', String(pupilId));
  if (loadSql) queries.unshift(['loadPupilFile (every family page, validation)', loadSql]);
  let text = `EXPLAIN (ANALYZE, BUFFERS) of the hot queries, ${new Date().toISOString()}, database ${DB_NAME}\n`;
  for (const [title, query] of queries) {
    // Writes are explained inside a transaction that is rolled back.
    let plan = '';
    await db
      .transaction()
      .execute(async (trx) => {
        const result = await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${query}`).execute(trx);
        plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') plan = `(échec : ${error.message})`;
      });
    text += `\n=== ${title} ===\n${plan}\n`;
  }
  return text;
}

// ——— Main ———

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

async function main(): Promise<void> {
  say(`Banc de charge Orientation — ${new Date().toISOString()} — ${DURATION} s par scénario, machine : ${(await import('node:os')).cpus().length} cœurs`);
  await ensureDatabase();
  const database = await openDatabase({ kind: 'postgres', url: DB_URL });
  const db = database.db;
  let app: Server | null = null;
  try {
    await prepareData(db);
    const families = await pickFamilies(db);
    const school = families.school;
    say(`Familles : ${families.viewers.length} pour les pages, ${families.validators.length} pour les validations, ${families.loginAccounts.length} pour les connexions ; établissement 1 : ${school[0]?.pupils ?? 0} élèves, ${school.length} divisions.`);

    if (!process.env.BENCH_SKIP_BUILD) {
      say('Construction (npm run build)…');
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    }

    // 1. The yardstick.
    const hello = await startServer('hello', [join(here, 'hello.mjs')], { PORT: String(HELLO_PORT) }, `http://127.0.0.1:${HELLO_PORT}/`);
    await load({ name: 'warm-up', url: `http://127.0.0.1:${HELLO_PORT}`, connections: 64, duration: 2, next: () => ({ path: '/', expect: (s) => s === 200 }) }, null);
    const bare = await load({ name: 'Hono nu « hello world »', url: `http://127.0.0.1:${HELLO_PORT}`, connections: 64, next: () => ({ path: '/', expect: (s) => s === 200 }) }, hello.child);
    await stopServer(hello);

    // 2. The service, built for production.
    const serviceEnv: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: DB_URL,
      PUBLIC_ORIGIN: ORIGIN,
      PORT: String(APP_PORT),
      HOST: '127.0.0.1',
      SLOW_QUERY_MS: '5',
    };
    for (const pair of (process.env.BENCH_ENV ?? '').split(/\s+/).filter(Boolean)) {
      const [key, ...rest] = pair.split('=');
      serviceEnv[key!] = rest.join('=');
    }
    const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(here, 'profiles')}`] : [];
    say(`Service : node ${[...nodeArgs, 'dist/server.js'].join(' ')} avec ${Object.entries(serviceEnv).filter(([k]) => k !== 'DATABASE_URL').map(([k, v]) => `${k}=${v}`).join(' ')}`);
    app = await startServer('service', [...nodeArgs, 'dist/server.js'], serviceEnv, `${ORIGIN}/readyz`);

    const started = performance.now();
    const viewerTokens = await loginAll(families.viewers.map((f) => f.login), 4);
    say(`${viewerTokens.length} familles connectées par POST /connexion en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const staffToken = (await login('chef.1')).token!;
    const validatorTokens = await directSessions(db, families.validators.map((f) => f.accountId));
    say(`${validatorTokens.length} sessions créées pour les familles qui valident.`);

    let viewIndex = 0;
    const view = (htmx: boolean) => () => {
      const index = viewIndex++ % families.viewers.length;
      return {
        path: `/orientation/${families.viewers[index]!.pupilId}/choix-definitifs`,
        headers: { cookie: cookieOf(viewerTokens[index]!), ...(htmx ? { 'hx-request': 'true' } : {}) },
        expect: (status: number) => status === 200,
      };
    };
    let validateIndex = 0;
    const validate = () => {
      const index = validateIndex++ % families.validators.length;
      return {
        method: 'POST',
        path: `/orientation/${families.validators[index]!.pupilId}/choix-definitifs/valider`,
        headers: { cookie: cookieOf(validatorTokens[index]!), origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
        expect: (status: number, headers: Record<string, string>) => status === 303 && (headers.location ?? '').includes('fait=validation'),
      };
    };
    let mixCounter = 0;
    const mixed = () => {
      // 80 % page views, 15 % htmx swaps, 5 % validations, interleaved evenly.
      const slot = mixCounter++ % 20;
      return slot === 0 ? validate() : slot <= 3 ? view(true)() : view(false)();
    };
    let divisionIndex = 0;
    const staffPage = () => {
      const slot = divisionIndex++;
      const path = slot % 2 === 0 ? '/etablissement' : `/etablissement/divisions/${school[(slot >> 1) % school.length]!.divisionId}/suivi`;
      return { path, headers: { cookie: cookieOf(staffToken) }, expect: (status: number) => status === 200 };
    };
    let loginIndex = 0;
    const loginRequest = () => {
      const account = families.loginAccounts[loginIndex++ % families.loginAccounts.length]!;
      return {
        method: 'POST',
        path: '/connexion',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ identifiant: account, mot_de_passe: BENCH_PASSWORD }).toString(),
        expect: (status: number, headers: Record<string, string>) => status === 303 && (headers.location ?? '') === '/famille',
      };
    };

    const url = ORIGIN;
    await load({ name: 'warm-up', url, connections: 16, duration: 3, next: view(false) }, null);
    const outcomes: Outcome[] = [bare];
    const want = (key: string) => !ONLY || ONLY.has(key);
    const goals: Record<string, (o: Outcome) => string> = {};
    if (want('a')) {
      const o = await load({ name: '(a) page choix définitifs', url, connections: 64, next: view(false) }, app.child);
      goals[o.name] = (x) => `≥ 25 % du Hono nu et p99 < 50 ms : ${x.rps / bare.rps >= 0.25 && x.p99 < 50 ? 'RÉUSSI' : 'ÉCHEC'}`;
      outcomes.push(o);
    }
    if (want('b')) outcomes.push(await load({ name: '(b) même page, échange htmx', url, connections: 64, next: view(true) }, app.child));
    if (want('c')) {
      const o = await load({ name: '(c) validation de trois choix', url, connections: 64, next: validate }, app.child);
      goals[o.name] = (x) => `≥ 1 000 validations/s : ${x.rps >= 1000 && x.errors === 0 ? 'RÉUSSI' : 'ÉCHEC'}`;
      outcomes.push(o);
    }
    if (want('d')) {
      // Logins alone, then pages while logins run (two autocannon processes would share one core: both in this process, at once).
      const alone = await load({ name: '(d) connexion (scrypt), 8 connexions', url, connections: 8, next: loginRequest }, app.child);
      outcomes.push(alone);
      const [withLogins, pages] = await Promise.all([
        load({ name: '(d) connexions pendant les pages', url, connections: 8, next: loginRequest }, app.child),
        load({ name: '(d) pages (a) pendant les connexions', url, connections: 32, next: view(false) }, app.child),
      ]);
      goals[pages.name] = (x) => `pages non affamées (p99 < 50 ms) : ${x.p99 < 50 && x.errors === 0 ? 'RÉUSSI' : 'ÉCHEC'}`;
      outcomes.push(withLogins, pages);
    }
    if (want('e')) outcomes.push(await load({ name: `(e) tableau de bord établissement (${school[0]?.pupils ?? '?'} élèves)`, url, connections: 16, next: staffPage }, app.child));
    if (want('f')) {
      const o = await load({ name: '(f) soirée de clôture (80/15/5), 64 conn.', url, connections: 64, next: mixed }, app.child);
      goals[o.name] = (x) => `p99 < 200 ms et 0 erreur : ${x.p99 < 200 && x.errors === 0 ? 'RÉUSSI' : 'ÉCHEC'}`;
      outcomes.push(o);
    }
    const peak = peakRssMb(app.child);
    await sleep(5_500); // the last query summary line
    await stopServer(app);
    const windows = queryWindows(app.logPath, outcomes);

    say('\n| scénario | conn. | req/s | × Hono nu | p50 ms | p95 ms | p99 ms | erreurs / total | RSS max Mo | requêtes SQL (p99 ms, > 5 ms) | objectif |');
    say('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const o of outcomes) {
      const w = o === bare ? null : windows.get(o.name);
      const queries = w && w.queries > 0 ? `${w.queries} (p99 ${fmt(w.p99Ms, 1)}, ${w.slow} lentes)` : '—';
      say(`| ${o.name} | ${o.connections} | ${fmt(o.rps)} | ${fmt(o.rps / bare.rps, 3)} | ${fmt(o.p50)} | ${fmt(o.p95)} | ${fmt(o.p99)} | ${o.errors} / ${o.total} | ${fmt(o.rssMb)} | ${queries} | ${goals[o.name]?.(o) ?? ''} |`);
    }
    say(`\nRSS maximale du service : ${peak} Mo — objectif < 200 Mo : ${peak < 200 ? 'RÉUSSI' : 'ÉCHEC'}`);
    const allQueries = [...windows.values()].reduce((sum, w) => ({ q: sum.q + w.queries, s: sum.s + w.slow }), { q: 0, s: 0 });
    const share = allQueries.q ? allQueries.s / allQueries.q : 0;
    say(`Requêtes SQL pendant les scénarios : ${allQueries.q}, dont ${allQueries.s} au-delà de 5 ms (${(share * 100).toFixed(2)} %) — objectif p99 < 5 ms : ${share < 0.01 ? 'RÉUSSI' : 'ÉCHEC'} (durées vues par le service, attente de la boucle d'événements comprise)`);
    for (const [name, w] of windows) {
      if (w.slowShapes.size === 0) continue;
      const top = [...w.slowShapes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
      say(`  lentes dans ${name} : ${top.map(([shape, n]) => `${n}× ${shape}`).join(' | ')}`);
    }
    for (const o of outcomes) if (o.errors > 0) say(`  statuts de ${o.name} : ${JSON.stringify(o.statuses)}`);

    const explain = await explainHotQueries(db, { pupilId: families.validators[0]!.pupilId, accountId: families.validators[0]!.accountId, divisionId: school[0]!.divisionId, schoolId: school[0]!.schoolId });
    writeFileSync(join(here, 'explain.txt'), explain);
    say(`\nEXPLAIN des requêtes chaudes : bench/load/explain.txt`);
    if (process.env.BENCH_CPU_PROF) say('Profils CPU : bench/load/profiles/ (ouvrir dans Chrome DevTools, onglet Performance).');
  } finally {
    if (app) await stopServer(app);
    await database.close();
  }
}

await main();
