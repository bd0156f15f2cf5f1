import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { issueProvisionalAccount, type IssuedAccount } from '../accounts/provisional-accounts.js';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { normaliseUai } from '../domain/accounts.js';
import { formFields } from '../http/form.js';
import { recordSchoolEvent, type SchoolJournalEntry } from '../history/school-journal.js';
import { renderPage } from '../http/render.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { SchoolFormPage, type SchoolFormValues } from '../../views/academie/school-form-page.js';
import { SchoolsPage } from '../../views/academie/schools-page.js';
import { academySchools } from './queries.js';

const text = (max: number) => z.string().trim().max(max).catch('');
const schoolForm = z.object({ uai: text(20), nom: text(400), type: z.enum(['college', 'lycee']).or(z.literal('')).catch('') });
const staffForm = z.object({ prenom: text(200), nom: text(200), email: text(400), role: z.enum(['head', 'secretary']).catch('head') });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The académie's administrator as the school's journal names them. */
function adminActor(c: Context<AppEnv>): SchoolJournalEntry['actor'] {
  const user = c.get('user')!;
  return { kind: 'academy_admin', accountId: user.accountId, name: user.displayName, role: 'administration académique' };
}

async function academyOf(db: Kysely<Database>, academyAdminId: number) {
  return (await db.selectFrom('academy_admin').select('academy_id').where('id', '=', academyAdminId).executeTakeFirstOrThrow()).academy_id;
}

/** A school of the admin's académie, or undefined (→ 404). */
async function ownSchool(db: Kysely<Database>, academyId: number, rawId: string) {
  if (!/^[1-9][0-9]{0,9}$/.test(rawId)) return undefined;
  return db.selectFrom('school').select(['id', 'uai', 'name', 'kind']).where('id', '=', Number(rawId)).where('academy_id', '=', academyId).executeTakeFirst();
}

async function schoolErrors(db: Kysely<Database>, form: z.infer<typeof schoolForm>, exceptSchoolId?: number): Promise<{ errors: FieldError[]; uai: string | null }> {
  const errors: FieldError[] = [];
  const uai = normaliseUai(form.uai);
  if (!uai) errors.push({ field: 'uai', message: 'Le numéro UAI doit comporter 7 chiffres suivis d’une lettre, par exemple 0751234A.' });
  else {
    const other = await db.selectFrom('school').select(['id', 'name']).where('uai', '=', uai).executeTakeFirst();
    if (other && other.id !== exceptSchoolId) errors.push({ field: 'uai', message: `Ce numéro UAI est déjà celui de l’établissement « ${other.name} ».` });
  }
  if (form.nom === '') errors.push({ field: 'nom', message: 'Saisissez le nom de l’établissement.' });
  if (form.type === '') errors.push({ field: 'type-college', message: 'Indiquez s’il s’agit d’un collège ou d’un lycée.' });
  return { errors, uai };
}

export function academieRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/academie/*', requireRole('academy_admin'));

  app.get('/academie', requireRole('academy_admin'), async (c) => {
    const schools = await academySchools(c.get('deps').db, c.get('user')!.academyAdminId!);
    return renderPage(c, { title: 'Établissements de l’académie' }, <SchoolsPage schools={schools} />);
  });

  const newSchoolPage = (c: Context<AppEnv>, values: SchoolFormValues, errors: FieldError[] = []) =>
    renderPage(
      c,
      { title: 'Ajouter un établissement', hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <SchoolFormPage mode="create" action="/academie/etablissements/nouveau" values={values} errors={errors} />,
    );

  app.get('/academie/etablissements/nouveau', (c) => newSchoolPage(c, { uai: '', name: '', kind: '' }));

  app.post('/academie/etablissements/nouveau', async (c) => {
    const { db } = c.get('deps');
    const form = schoolForm.parse(await formFields(c.req.raw));
    const { errors, uai } = await schoolErrors(db, form);
    if (errors.length > 0 || !uai || form.type === '') return newSchoolPage(c, { uai: form.uai, name: form.nom, kind: form.type }, errors);
    const kind = form.type;
    const academyId = await academyOf(db, c.get('user')!.academyAdminId!);
    const school = await db.transaction().execute(async (trx) => {
      const created = await trx.insertInto('school').values({ academy_id: academyId, uai, name: form.nom, kind }).returning('id').executeTakeFirstOrThrow();
      await recordSchoolEvent(trx, { schoolId: created.id, at: c.get('deps').now(), actor: adminActor(c), action: 'createSchool', detail: `${uai}, ${form.nom}` });
      return created;
    });
    return c.redirect(`/academie/etablissements/${school.id}?cree`, 303);
  });

  async function schoolPage(
    c: Context<AppEnv>,
    school: { id: number; uai: string; name: string; kind: 'college' | 'lycee' },
    extra: { values?: SchoolFormValues; errors?: FieldError[]; staffErrors?: FieldError[]; staffValues?: { prenom: string; nom: string; email: string; role: string }; issued?: IssuedAccount & { name: string } } = {},
  ) {
    const { db } = c.get('deps');
    const staff = await db
      .selectFrom('staff')
      .leftJoin('user_account', 'user_account.staff_id', 'staff.id')
      .select(['staff.first_name', 'staff.last_name', 'staff.role', 'user_account.login'])
      .where('staff.school_id', '=', school.id)
      .orderBy('staff.role')
      .orderBy('staff.last_name')
      .execute();
    const errors = [...(extra.errors ?? []), ...(extra.staffErrors ?? [])];
    const notice = c.req.query('cree') !== undefined ? 'L’établissement a été ajouté.' : c.req.query('enregistre') !== undefined ? 'Les modifications ont été enregistrées.' : undefined;
    return renderPage(
      c,
      { title: school.name, hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <SchoolFormPage
        mode="edit"
        action={`/academie/etablissements/${school.id}`}
        values={extra.values ?? { uai: school.uai, name: school.name, kind: school.kind }}
        errors={extra.errors ?? []}
        staff={staff.map((member) => ({ name: `${member.first_name} ${member.last_name}`, role: member.role, login: member.login }))}
        staffAction={`/academie/etablissements/${school.id}/personnels`}
        staffErrors={extra.staffErrors ?? []}
        staffValues={extra.staffValues}
        issued={extra.issued ? { name: extra.issued.name, login: extra.issued.login, password: extra.issued.password } : undefined}
        notice={notice}
      />,
    );
  }

  app.get('/academie/etablissements/:id', async (c) => {
    const { db } = c.get('deps');
    const school = await ownSchool(db, await academyOf(db, c.get('user')!.academyAdminId!), c.req.param('id'));
    if (!school) return c.notFound();
    return schoolPage(c, school);
  });

  app.post('/academie/etablissements/:id', async (c) => {
    const { db } = c.get('deps');
    const school = await ownSchool(db, await academyOf(db, c.get('user')!.academyAdminId!), c.req.param('id'));
    if (!school) return c.notFound();
    const form = schoolForm.parse(await formFields(c.req.raw));
    const { errors, uai } = await schoolErrors(db, form, school.id);
    if (errors.length > 0 || !uai || form.type === '') return schoolPage(c, school, { values: { uai: form.uai, name: form.nom, kind: form.type }, errors });
    const kind = form.type;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('school').set({ uai, name: form.nom, kind, updated_at: new Date() }).where('id', '=', school.id).execute();
      await recordSchoolEvent(trx, { schoolId: school.id, at: c.get('deps').now(), actor: adminActor(c), action: 'updateSchool', detail: `${uai}, ${form.nom}` });
    });
    return c.redirect(`/academie/etablissements/${school.id}?enregistre`, 303);
  });

  app.post('/academie/etablissements/:id/personnels', async (c) => {
    const { db } = c.get('deps');
    const school = await ownSchool(db, await academyOf(db, c.get('user')!.academyAdminId!), c.req.param('id'));
    if (!school) return c.notFound();
    const form = staffForm.parse(await formFields(c.req.raw));
    const errors: FieldError[] = [];
    if (form.prenom === '') errors.push({ field: 'prenom', message: 'Saisissez le prénom.' });
    if (form.nom === '') errors.push({ field: 'nom-personnel', message: 'Saisissez le nom.' });
    if (form.email !== '' && !EMAIL.test(form.email)) errors.push({ field: 'email', message: 'L’adresse électronique n’est pas valide (exemple : nom@ac-exemple.fr).' });
    if (errors.length > 0) return schoolPage(c, school, { staffErrors: errors, staffValues: form });
    const issued = await db.transaction().execute(async (trx) => {
      const staff = await trx
        .insertInto('staff')
        .values({ school_id: school.id, role: form.role, first_name: form.prenom, last_name: form.nom, email: form.email || null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordSchoolEvent(trx, {
        schoolId: school.id,
        at: c.get('deps').now(),
        actor: adminActor(c),
        action: 'createStaff',
        detail: `${form.role === 'head' ? 'chef d’établissement' : 'secrétariat'}, ${form.prenom} ${form.nom}`,
      });
      return issueProvisionalAccount(trx, { firstName: form.prenom, lastName: form.nom, owner: { role: 'staff', staffId: staff.id } });
    });
    // Shown once, on this response only: never in a URL, never stored in clear.
    return schoolPage(c, school, { issued: { ...issued, name: `${form.prenom} ${form.nom}` } });
  });

  return app;
}
