import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { IMPORT_COLUMNS, parsePupilImport } from '../domain/pupil-import.js';
import { authorize } from '../domain/rights.js';
import { levelOfSchool, schoolYearAt } from '../domain/school-year.js';
import { renderPage } from '../http/render.js';
import { recordSchoolEvent } from '../history/school-journal.js';
import { asStaffUser, staffHistoryActor } from './staff-actor.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { ImportPage, type ImportPreview } from '../../views/etablissement/import-page.js';
import { applyImport, planImport, type ImportTarget } from './pupil-import.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const COLUMNS = Object.values(IMPORT_COLUMNS).map((label) => `« ${label} »`);

async function importTarget(db: Kysely<Database>, schoolId: number, at: Date): Promise<ImportTarget> {
  const school = await db
    .selectFrom('school')
    .innerJoin('academy', 'academy.id', 'school.academy_id')
    .select(['school.kind', 'academy.time_zone'])
    .where('school.id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return { schoolId, schoolYear: schoolYearAt(at, school.time_zone), level: levelOfSchool(school.kind) };
}

export function importRoutes() {
  const app = new Hono<AppEnv>();

  const page = (c: Context<AppEnv>, extra: { errors?: FieldError[]; preview?: ImportPreview; status?: 200 | 413 | 422 } = {}) => {
    // Only numbers travel in the URL; the sentence is built here (no text injected through a link).
    const count = (name: string) => Number.parseInt(c.req.query(name) ?? '', 10);
    const report = Number.isInteger(count('eleves'))
      ? `${count('eleves')} élève(s) créé(s), ${count('maj') || 0} mis à jour, ${count('representants') || 0} représentant(s) créé(s), ${count('divisions') || 0} division(s) créée(s)`
      : undefined;
    return renderPage(
      c,
      { title: 'Importer les élèves', hasErrors: (extra.errors ?? []).length > 0, status: extra.status ?? 200 },
      <ImportPage columns={COLUMNS} errors={extra.errors ?? []} preview={extra.preview} report={report ? `Import terminé : ${report}.` : undefined} />,
    );
  };

  const mayImport = (c: Context<AppEnv>) => {
    const staff = c.get('user')!.staff!;
    return authorize({ kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, role: staff.role }, { action: 'manageSchool', schoolId: staff.schoolId }).allowed;
  };

  app.get('/etablissement/import', requireRole('staff'), (c) => (mayImport(c) ? page(c) : c.notFound()));

  app.post(
    '/etablissement/import',
    requireRole('staff'),
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) => page(c as Context<AppEnv>, { errors: [{ field: 'fichier', message: 'Le fichier dépasse 5 Mo. Importez les divisions en plusieurs fois.' }], status: 413 }),
    }),
    async (c) => {
      if (!mayImport(c)) return c.notFound();
      const { db, now } = c.get('deps');
      const staff = c.get('user')!.staff!;
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const file = body['fichier'];
      if (!(file instanceof File) || file.size === 0) {
        return page(c, { errors: [{ field: 'fichier', message: 'Choisissez le fichier CSV à importer.' }], status: 422 });
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const parsed = parsePupilImport(bytes);
      const target = await importTarget(db, staff.schoolId, now());
      const plan = await planImport(db, target, parsed.pupils);
      const errorLines = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line).map((error) => error.message);
      let batchId: number | null = null;
      if (errorLines.length === 0) {
        // Older previews of this school are dropped: only the last checked file can be imported.
        await db.deleteFrom('import_batch').where('school_id', '=', staff.schoolId).execute();
        batchId = (await db.insertInto('import_batch').values({ school_id: staff.schoolId, staff_id: staff.id, content: bytes }).returning('id').executeTakeFirstOrThrow()).id;
      }
      const preview: ImportPreview = {
        batchId,
        encoding: parsed.encoding,
        pupils: parsed.pupils.length + parsed.errors.length,
        representatives: plan.representatives,
        divisions: plan.divisions,
        errorLines,
        newPupils: plan.newPupils,
        updatedPupils: plan.updatedPupils,
        newDivisions: plan.newDivisions,
      };
      return page(c, { preview, status: errorLines.length > 0 ? 422 : 200 });
    },
  );

  app.post('/etablissement/import/:batchId{[1-9][0-9]{0,9}}', requireRole('staff'), async (c) => {
    if (!mayImport(c)) return c.notFound();
    const { db, now } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const batch = await db
      .selectFrom('import_batch')
      .select(['id', 'content'])
      .where('id', '=', Number(c.req.param('batchId')))
      .where('school_id', '=', staff.schoolId)
      .executeTakeFirst();
    if (!batch) return page(c, { errors: [{ field: 'fichier', message: 'Ce fichier n’est plus disponible : vérifiez-le à nouveau avant de l’importer.' }], status: 422 });
    const parsed = parsePupilImport(new Uint8Array(batch.content));
    const at = now();
    const target = await importTarget(db, staff.schoolId, at);
    const outcome = await db.transaction().execute(async (trx) => {
      const plan = await planImport(trx, target, parsed.pupils);
      if (parsed.errors.length > 0 || plan.errors.length > 0) return null;
      const report = await applyImport(trx, target, parsed.pupils, at);
      await trx.deleteFrom('import_batch').where('id', '=', batch.id).execute();
      await recordSchoolEvent(trx, {
        schoolId: staff.schoolId,
        at,
        actor: staffHistoryActor(asStaffUser(c.get('user'))),
        action: 'importPupils',
        detail: `${report.createdPupils} élève(s) créé(s), ${report.updatedPupils} mis à jour, ${report.createdRepresentatives} représentant(s) et ${report.createdDivisions} division(s) créés`,
      });
      return report;
    });
    if (!outcome) return page(c, { errors: [{ field: 'fichier', message: 'Le fichier contient des erreurs : vérifiez-le à nouveau.' }], status: 422 });
    const query = `eleves=${outcome.createdPupils}&maj=${outcome.updatedPupils}&representants=${outcome.createdRepresentatives}&divisions=${outcome.createdDivisions}`;
    return c.redirect(`/etablissement/import?${query}`, 303);
  });

  return app;
}
