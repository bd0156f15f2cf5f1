import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function academySchools(db: Kysely<Database>, academyAdminId: number) {
  return db
    .selectFrom('academy_admin as aa')
    .innerJoin('school as s', 's.academy_id', 'aa.academy_id')
    .select([
      's.id',
      's.uai',
      's.name',
      's.kind',
      (eb) => eb.selectFrom('pupil as p').select(sql<number>`count(*)::int`.as('n')).whereRef('p.school_id', '=', 's.id').as('pupilCount'),
    ])
    .where('aa.id', '=', academyAdminId)
    .orderBy('s.name')
    .execute();
}
