import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { sharedDemoPasswordHash } from './database.js';

const DAY = 24 * 60 * 60 * 1000;

export async function pupilIdOf(db: Kysely<Database>, firstName: string, lastName: string): Promise<number> {
  const row = await db.selectFrom('pupil').select('id').where('first_name', '=', firstName).where('last_name', '=', lastName).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A 2de pupil of the Lycée Simone Veil whose intentions are still to enter: the campaign's
 * intentions window is opened around `now` and a new family (`famille.test.2de`, password
 * `orientation`) is added to the school's first division. The demo seed itself is untouched.
 */
export async function openSecondeIntentions(db: Kysely<Database>, now: Date, login = 'famille.test.2de'): Promise<{ pupilId: number; login: string }> {
  const school = await db.selectFrom('school').select('id').where('uai', '=', '0990003C').executeTakeFirstOrThrow();
  await db
    .updateTable('campaign')
    .set({ intentions_opens_at: new Date(now.getTime() - DAY), intentions_closes_at: new Date(now.getTime() + 5 * DAY) })
    .where('school_id', '=', school.id)
    .execute();
  const division = await db.selectFrom('division').select(['id']).where('school_id', '=', school.id).orderBy('name').executeTakeFirstOrThrow();
  const pupil = await db
    .insertInto('pupil')
    .values({ school_id: school.id, division_id: division.id, first_name: 'Zoé', last_name: 'Fontaine' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const representative = await db.insertInto('representative').values({ first_name: 'Claire', last_name: 'Fontaine', email: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('pupil_representative').values({ pupil_id: pupil.id, representative_id: representative.id, position: 1 }).execute();
  await db
    .insertInto('user_account')
    .values({ login, password_hash: await sharedDemoPasswordHash(), must_change_password: false, role: 'representative', representative_id: representative.id })
    .execute();
  return { pupilId: pupil.id, login };
}
