// Prints how long the school's CSV import takes for a 2 000-row file (goal: under 10 s),
// on the embedded database, or on PostgreSQL when DATABASE_URL is set.
import { openDatabase } from '../src/db/database.js';
import { ensureAcademy } from '../src/db/academy.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { parsePupilImport } from '../src/domain/pupil-import.js';
import { applyImport, planImport } from '../src/etablissement/pupil-import.js';
import { generatedImportFile } from './support/pupil-file-csv.js';

const ROWS = Number(process.env.ROWS ?? 2000);
const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'memory' });
try {
  await migrateToLatest(database.db);
  // The deployment's académie when there is one (never renamed here), a new one otherwise.
  const academy =
    (await database.db.selectFrom('academy').select('id').executeTakeFirst()) ??
    { id: await ensureAcademy(database.db, { name: 'Banc d’essai', timeZone: 'Europe/Paris' }) };
  const uai = `09${String(Date.now() % 100000).padStart(5, '0')}B`;
  const school = await database.db.insertInto('school').values({ academy_id: academy.id, uai, name: 'Collège du banc d’essai', kind: 'college' }).returning('id').executeTakeFirstOrThrow();
  const target = { schoolId: school.id, schoolYear: 2026, level: '3e' as const };
  const bytes = generatedImportFile(ROWS);

  for (const run of ['premier import', 'réimport identique']) {
    const started = performance.now();
    const parsed = parsePupilImport(bytes);
    const parsedAt = performance.now();
    const plan = await planImport(database.db, target, parsed.pupils);
    const report = await database.db.transaction().execute((trx) => applyImport(trx, target, parsed.pupils, new Date()));
    const total = performance.now() - started;
    console.log(
      `${run} : ${ROWS} lignes (${(bytes.length / 1024).toFixed(0)} Kio) sur ${database.kind} — lecture ${(parsedAt - started).toFixed(0)} ms, total ${total.toFixed(0)} ms` +
        ` — ${plan.errors.length + parsed.errors.length} erreur(s), ${JSON.stringify(report)} — objectif < 10 000 ms : ${total < 10_000 ? 'atteint' : 'MANQUÉ'}`,
    );
  }
  if (url) {
    await database.db.deleteFrom('pupil_representative').where('pupil_id', 'in', (eb) => eb.selectFrom('pupil').select('id').where('school_id', '=', school.id)).execute();
    await database.db.deleteFrom('pupil').where('school_id', '=', school.id).execute();
    await database.db.deleteFrom('division').where('school_id', '=', school.id).execute();
    await database.db.deleteFrom('school').where('id', '=', school.id).execute();
  }
} finally {
  await database.close();
}
