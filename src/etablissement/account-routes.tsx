import { Hono, type Context } from 'hono';
import { sql, type Kysely } from 'kysely';
import { issueProvisionalAccount, newProvisionalCredentials } from '../accounts/provisional-accounts.js';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { authorize } from '../domain/rights.js';
import { renderPage } from '../http/render.js';
import { recordSchoolEvent } from '../history/school-journal.js';
import { asStaffUser, staffHistoryActor } from './staff-actor.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { AccountsPage, LettersPage, type AccountsDivision, type Letter } from '../../views/etablissement/accounts-page.js';

async function accountsByDivision(db: Kysely<Database>, schoolId: number): Promise<AccountsDivision[]> {
  const result = await sql<AccountsDivision>`
    select d.id, d.name,
      count(distinct p.id)::int as pupils,
      count(distinct p.id) filter (where pa.id is null)::int as "pupilsWithoutAccount",
      count(distinct r.id)::int as representatives,
      count(distinct r.id) filter (where ra.id is null)::int as "representativesWithoutAccount"
    from division d
    left join pupil p on p.division_id = d.id
    left join user_account pa on pa.pupil_id = p.id
    left join pupil_representative pr on pr.pupil_id = p.id
    left join representative r on r.id = pr.representative_id
    left join user_account ra on ra.representative_id = r.id
    where d.school_id = ${schoolId}
    group by d.id, d.name
    order by d.name`.execute(db);
  return result.rows;
}

/** People of the school (or of one division) without an account, with the children a letter names. */
async function peopleWithoutAccount(db: Kysely<Database>, schoolId: number, divisionId: number | null, kinds: Set<string>) {
  const people: Array<{ kind: 'representative' | 'pupil'; id: number; firstName: string; lastName: string; children: string[] }> = [];
  if (kinds.has('representants')) {
    let query = db
      .selectFrom('representative as r')
      .innerJoin('pupil_representative as pr', 'pr.representative_id', 'r.id')
      .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
      .innerJoin('division as d', 'd.id', 'p.division_id')
      .leftJoin('user_account as a', 'a.representative_id', 'r.id')
      .select(['r.id', 'r.first_name', 'r.last_name', 'p.first_name as child_first_name', 'd.name as division_name'])
      .where('p.school_id', '=', schoolId)
      .where('a.id', 'is', null)
      .orderBy('r.last_name')
      .orderBy('r.first_name')
      .orderBy('r.id');
    if (divisionId !== null) query = query.where('p.division_id', '=', divisionId);
    for (const row of await query.execute()) {
      const existing = people.find((person) => person.kind === 'representative' && person.id === row.id);
      const child = `${row.child_first_name} (${row.division_name})`;
      if (existing) existing.children.push(child);
      else people.push({ kind: 'representative', id: row.id, firstName: row.first_name, lastName: row.last_name, children: [child] });
    }
  }
  if (kinds.has('eleves')) {
    let query = db
      .selectFrom('pupil as p')
      .innerJoin('division as d', 'd.id', 'p.division_id')
      .leftJoin('user_account as a', 'a.pupil_id', 'p.id')
      .select(['p.id', 'p.first_name', 'p.last_name', 'd.name as division_name'])
      .where('p.school_id', '=', schoolId)
      .where('a.id', 'is', null)
      .orderBy('d.name')
      .orderBy('p.last_name');
    if (divisionId !== null) query = query.where('p.division_id', '=', divisionId);
    for (const row of await query.execute()) people.push({ kind: 'pupil', id: row.id, firstName: row.first_name, lastName: row.last_name, children: [row.division_name] });
  }
  return people;
}

export function accountRoutes() {
  const app = new Hono<AppEnv>();

  const staffOf = (c: Context<AppEnv>) => c.get('user')!.staff!;
  const mayManage = (c: Context<AppEnv>) => {
    const staff = staffOf(c);
    return authorize({ kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, role: staff.role }, { action: 'manageSchool', schoolId: staff.schoolId }).allowed;
  };
  const page = async (c: Context<AppEnv>, errors: FieldError[] = []) =>
    renderPage(
      c,
      { title: 'Comptes des familles', hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <AccountsPage divisions={await accountsByDivision(c.get('deps').db, staffOf(c).schoolId)} errors={errors} />,
    );

  app.get('/etablissement/comptes', requireRole('staff'), (c) => (mayManage(c) ? page(c) : c.notFound()));

  app.post('/etablissement/comptes', requireRole('staff'), async (c) => {
    if (!mayManage(c)) return c.notFound();
    const { db, config } = c.get('deps');
    const staff = staffOf(c);
    const form = await c.req.raw.formData().catch(() => new FormData());
    const kinds = new Set(form.getAll('pour').filter((value): value is string => value === 'representants' || value === 'eleves'));
    const rawDivision = String(form.get('division') ?? '');
    let divisionId: number | null = null;
    let divisionName = '';
    const errors: FieldError[] = [];
    if (rawDivision !== '') {
      const division = /^[1-9][0-9]{0,9}$/.test(rawDivision)
        ? await db.selectFrom('division').select(['id', 'name']).where('id', '=', Number(rawDivision)).where('school_id', '=', staff.schoolId).executeTakeFirst()
        : undefined;
      if (!division) errors.push({ field: 'division', message: 'Choisissez une division de l’établissement.' });
      else {
        divisionId = division.id;
        divisionName = division.name;
      }
    }
    if (kinds.size === 0) errors.push({ field: 'pour-representants', message: 'Cochez les comptes à générer : représentants légaux, élèves, ou les deux.' });
    if (errors.length > 0) return page(c, errors);

    const people = await peopleWithoutAccount(db, staff.schoolId, divisionId, kinds);
    // Hashing is the slow part: done before the transaction, as parallel as the hashing pool allows.
    const credentials = await Promise.all(people.map(() => newProvisionalCredentials()));
    const letters: Letter[] = [];
    // One transaction: either every letter is produced, or no account is created.
    await db.transaction().execute(async (trx) => {
      for (const [index, person] of people.entries()) {
        const issued = await issueProvisionalAccount(
          trx,
          {
            firstName: person.firstName,
            lastName: person.lastName,
            owner: person.kind === 'representative' ? { role: 'representative', representativeId: person.id } : { role: 'pupil', pupilId: person.id },
          },
          credentials[index],
        );
        letters.push({
          name: `${person.firstName} ${person.lastName}`,
          role: person.kind === 'representative' ? 'représentant légal de' : 'élève de',
          children: person.children.join(', '),
          login: issued.login,
          password: issued.password,
        });
      }
      if (people.length > 0) {
        await recordSchoolEvent(trx, {
          schoolId: staff.schoolId,
          at: c.get('deps').now(),
          actor: staffHistoryActor(asStaffUser(c.get('user'))),
          action: 'issueAccounts',
          detail: `${people.length} compte(s)${divisionId === null ? ' pour tout l’établissement' : ` pour la division ${divisionName}`}`,
        });
      }
    });
    const school = await db.selectFrom('school').select('name').where('id', '=', staff.schoolId).executeTakeFirstOrThrow();
    return renderPage(c, { title: 'Lettres de connexion' }, <LettersPage letters={letters} schoolName={school.name} serviceUrl={config.publicOrigin} />);
  });

  return app;
}
