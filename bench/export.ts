// Prints how long the school's CSV export takes for a 3 000-pupil school whose families have
// validated their intentions (goal: a few seconds, streamed: memory stays flat), through the real
// HTTP route with a signed-in head of school; on the embedded database, or on PostgreSQL when
// DATABASE_URL is set (point it at a scratch database: the histories it writes are append-only).
import { createApp } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';
import { loadConfig } from '../src/config.js';
import { ensureAcademy } from '../src/db/academy.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { validateIntentions } from '../src/domain/file.js';
import { parsePupilImport } from '../src/domain/pupil-import.js';
import { schoolYearAt } from '../src/domain/school-year.js';
import { validateWishes } from '../src/domain/wishes.js';
import { applyImport } from '../src/etablissement/pupil-import.js';
import { findStaticDir } from '../src/http/find-static-dir.js';
import { loadStaticAssets } from '../src/http/static-assets.js';
import { applyTransition } from '../src/pupil-file/apply.js';
import { generatedImportFile } from './support/pupil-file-csv.js';

const PUPILS = Number(process.env.PUPILS ?? 3000);
const DAY = 24 * 60 * 60 * 1000;
const ORIGIN = 'http://banc-essai.invalid';
const PASSWORD = 'banc d’essai de l’export';

const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'memory' });
const { db } = database;
try {
  await migrateToLatest(db);
  const academy = (await db.selectFrom('academy').select(['id', 'time_zone']).executeTakeFirst()) ?? {
    id: await ensureAcademy(db, { name: 'Banc d’essai', timeZone: 'Europe/Paris' }),
    time_zone: 'Europe/Paris',
  };
  const now = new Date();
  const schoolYear = schoolYearAt(now, academy.time_zone);
  const suffix = String(Date.now() % 100000).padStart(5, '0');
  const school = await db.insertInto('school').values({ academy_id: academy.id, uai: `08${suffix}E`, name: 'Collège du banc d’export', kind: 'college' }).returning('id').executeTakeFirstOrThrow();

  let started = performance.now();
  const parsed = parsePupilImport(generatedImportFile(PUPILS));
  await db.transaction().execute((trx) => applyImport(trx, { schoolId: school.id, schoolYear, level: '3e' }, parsed.pupils, now));
  await db
    .insertInto('campaign')
    .values({ school_id: school.id, level: '3e', school_year: schoolYear, intentions_opens_at: new Date(now.getTime() - DAY), intentions_closes_at: new Date(now.getTime() + 10 * DAY) })
    .execute();
  const list = validateWishes(
    [
      { track: '2GT', rank: 1 },
      { track: '2PRO', occupation: 'Électricien', schoolStatus: true, apprenticeStatus: false, rank: 2 },
    ],
    { level: '3e', phase: 'provisional', offer: new Set() },
  );
  if (!list.ok) throw new Error('liste de vœux du banc invalide');
  const families = await db
    .selectFrom('pupil')
    .innerJoin('pupil_representative as pr', 'pr.pupil_id', 'pupil.id')
    .select(['pupil.id', 'pr.representative_id'])
    .where('pupil.school_id', '=', school.id)
    .where('pr.position', '=', 1)
    .execute();
  for (const family of families) {
    const result = await applyTransition(db, {
      pupilId: family.id,
      name: 'validateIntentions',
      actor: { kind: 'representative', accountId: null, name: 'Parent du banc', role: 'représentant légal' },
      at: now,
      transition: (file) => validateIntentions(file, { kind: 'representative', representativeId: family.representative_id }, now, list.list),
    });
    if (!result.ok) throw new Error(result.reason);
  }
  console.log(`Préparation : ${PUPILS} élèves importés et leurs intentions validées en ${((performance.now() - started) / 1000).toFixed(1)} s (${database.kind}).`);

  const head = await db.insertInto('staff').values({ school_id: school.id, role: 'head', first_name: 'Chef', last_name: 'Banc' }).returning('id').executeTakeFirstOrThrow();
  const login = `chef.banc.${suffix}`;
  await db.insertInto('user_account').values({ login, role: 'staff', staff_id: head.id, password_hash: await hashPassword(PASSWORD), must_change_password: false }).execute();
  const app = createApp({ db, config: loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false', PUBLIC_ORIGIN: ORIGIN }), assets: loadStaticAssets(findStaticDir()), now: () => new Date() });
  const signIn = await app.request(`${ORIGIN}/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ identifiant: login, mot_de_passe: PASSWORD }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
  });
  const cookie = signIn.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  if (signIn.status !== 303 || cookie === '') throw new Error(`connexion du banc refusée (${signIn.status})`);

  for (const run of ['premier export', 'second export']) {
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    started = performance.now();
    const response = await app.request(`${ORIGIN}/etablissement/export.csv`, { headers: { Cookie: cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export refusé (${response.status})`);
    let bytes = 0;
    let lines = 0;
    let firstChunkMs: number | null = null;
    for await (const chunk of response.body) {
      firstChunkMs ??= performance.now() - started;
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    const total = performance.now() - started;
    console.log(
      `${run} : ${PUPILS} élèves, ${lines - 1} lignes, ${(bytes / 1024).toFixed(0)} Kio en ${total.toFixed(0)} ms (premier octet à ${firstChunkMs?.toFixed(0)} ms) ;` +
        ` tas +${((heapPeak - heapBefore) / 1024 / 1024).toFixed(1)} Mio au plus — objectif < 5 000 ms : ${total < 5000 ? 'atteint' : 'MANQUÉ'}`,
    );
  }
} finally {
  await database.close();
}
