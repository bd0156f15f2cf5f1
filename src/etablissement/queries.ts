import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function schoolOverview(db: Kysely<Database>, schoolId: number) {
  const school = await db.selectFrom('school').select(['id', 'name', 'uai', 'kind']).where('id', '=', schoolId).executeTakeFirst();
  if (!school) return undefined;
  const divisions = await db
    .selectFrom('division as d')
    .leftJoin('pupil as p', 'p.division_id', 'd.id')
    .select(['d.id', 'd.name', 'd.level', 'd.school_year', sql<number>`count(p.id)::int`.as('pupilCount')])
    .where('d.school_id', '=', schoolId)
    .groupBy(['d.id', 'd.name', 'd.level', 'd.school_year'])
    .orderBy('d.name')
    .execute();
  return { school, divisions };
}
