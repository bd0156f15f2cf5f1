import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

import type { ChildSummary, RepresentativeSummary } from '../../views/famille/child-types.js';

export type { ChildSummary, RepresentativeSummary };

const childColumns = [
  'p.id as pupilId',
  'p.first_name as firstName',
  'p.last_name as lastName',
  'd.name as divisionName',
  'd.level as level',
  's.name as schoolName',
] as const;

/** The children a representative is legal representative of, in one query. */
export async function childrenOfRepresentative(db: Kysely<Database>, representativeId: number): Promise<ChildSummary[]> {
  return db
    .selectFrom('pupil_representative as pr')
    .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
    .innerJoin('division as d', 'd.id', 'p.division_id')
    .innerJoin('school as s', 's.id', 'p.school_id')
    .select(childColumns)
    .where('pr.representative_id', '=', representativeId)
    .orderBy('p.first_name')
    .orderBy('p.id')
    .execute();
}

/** One child, only when the representative is one of their legal representatives. */
export async function childOfRepresentative(db: Kysely<Database>, representativeId: number, pupilId: number): Promise<ChildSummary | undefined> {
  return db
    .selectFrom('pupil_representative as pr')
    .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
    .innerJoin('division as d', 'd.id', 'p.division_id')
    .innerJoin('school as s', 's.id', 'p.school_id')
    .select(childColumns)
    .where('pr.representative_id', '=', representativeId)
    .where('p.id', '=', pupilId)
    .executeTakeFirst();
}

export async function pupilSummary(db: Kysely<Database>, pupilId: number): Promise<ChildSummary | undefined> {
  return db
    .selectFrom('pupil as p')
    .innerJoin('division as d', 'd.id', 'p.division_id')
    .innerJoin('school as s', 's.id', 'p.school_id')
    .select(childColumns)
    .where('p.id', '=', pupilId)
    .executeTakeFirst();
}

export async function representativesOfPupil(db: Kysely<Database>, pupilId: number): Promise<RepresentativeSummary[]> {
  const rows = await db
    .selectFrom('pupil_representative as pr')
    .innerJoin('representative as r', 'r.id', 'pr.representative_id')
    .select(['pr.position', 'r.first_name', 'r.last_name', 'r.email'])
    .where('pr.pupil_id', '=', pupilId)
    .orderBy('pr.position')
    .execute();
  return rows.map((row) => ({ position: row.position, firstName: row.first_name, lastName: row.last_name, hasEmail: row.email !== null }));
}
