import { Hono, type Context } from 'hono';
import { issueProvisionalAccount, type IssuedAccount } from '../accounts/provisional-accounts.js';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { recordSchoolEvent } from '../history/school-journal.js';
import { asStaffUser, staffHistoryActor } from './staff-actor.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { StaffPage } from '../../views/etablissement/staff-page.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function staffRoutes() {
  const app = new Hono<AppEnv>();

  async function page(c: Context<AppEnv>, extra: { errors?: FieldError[]; values?: { prenom: string; nom: string; email: string }; issued?: IssuedAccount & { name: string } } = {}) {
    const { db } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const members = await db
      .selectFrom('staff')
      .leftJoin('user_account', 'user_account.staff_id', 'staff.id')
      .select(['staff.first_name', 'staff.last_name', 'staff.role', 'user_account.login'])
      .where('staff.school_id', '=', staff.schoolId)
      .orderBy('staff.role')
      .orderBy('staff.last_name')
      .execute();
    const errors = extra.errors ?? [];
    return renderPage(
      c,
      { title: 'Personnels de l’établissement', hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <StaffPage
        staff={members.map((member) => ({ name: `${member.first_name} ${member.last_name}`, role: member.role, login: member.login }))}
        canAdd={staff.role === 'head'}
        errors={errors}
        values={extra.values ?? { prenom: '', nom: '', email: '' }}
        issued={extra.issued}
      />,
    );
  }

  app.get('/etablissement/personnels', requireRole('staff'), (c) => page(c));

  app.post('/etablissement/personnels', requireRole('staff'), async (c) => {
    const staff = c.get('user')!.staff!;
    if (staff.role !== 'head') return page(c, { errors: [{ field: 'prenom', message: 'Seul le chef d’établissement peut ajouter des comptes de secrétariat.' }] });
    const form = await c.req.raw.formData().catch(() => new FormData());
    const values = {
      prenom: String(form.get('prenom') ?? '').trim().slice(0, 100),
      nom: String(form.get('nom') ?? '').trim().slice(0, 100),
      email: String(form.get('email') ?? '').trim().slice(0, 200),
    };
    const errors: FieldError[] = [];
    if (values.prenom === '') errors.push({ field: 'prenom', message: 'Saisissez le prénom.' });
    if (values.nom === '') errors.push({ field: 'nom', message: 'Saisissez le nom.' });
    if (values.email !== '' && !EMAIL.test(values.email)) errors.push({ field: 'email', message: 'L’adresse électronique n’est pas valide (exemple : nom@ac-exemple.fr).' });
    if (errors.length > 0) return page(c, { errors, values });
    const { db } = c.get('deps');
    const issued = await db.transaction().execute(async (trx) => {
      const member = await trx
        .insertInto('staff')
        .values({ school_id: staff.schoolId, role: 'secretary', first_name: values.prenom, last_name: values.nom, email: values.email || null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordSchoolEvent(trx, {
        schoolId: staff.schoolId,
        at: c.get('deps').now(),
        actor: staffHistoryActor(asStaffUser(c.get('user'))),
        action: 'createStaff',
        detail: `secrétariat, ${values.prenom} ${values.nom}`,
      });
      return issueProvisionalAccount(trx, { firstName: values.prenom, lastName: values.nom, owner: { role: 'staff', staffId: member.id } });
    });
    return page(c, { issued: { ...issued, name: `${values.prenom} ${values.nom}` } });
  });

  return app;
}
