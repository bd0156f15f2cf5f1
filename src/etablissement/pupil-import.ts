import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { representativeKey, type ImportedPupil, type LineError } from '../domain/pupil-import.js';

export type ImportPlan = {
  errors: LineError[];
  pupils: number;
  representatives: number;
  divisions: number;
  newPupils: number;
  updatedPupils: number;
  newDivisions: string[];
};

export type ImportTarget = { schoolId: number; schoolYear: number; level: '3e' | '2de' };

/** What the import would do, and the lines the database refuses (an INE already in another school). */
export async function planImport(db: Kysely<Database>, target: ImportTarget, pupils: ImportedPupil[]): Promise<ImportPlan> {
  const ines = pupils.map((pupil) => pupil.ine);
  const existing = ines.length === 0 ? [] : await db.selectFrom('pupil').select(['ine', 'school_id']).where('ine', 'in', ines).execute();
  const elsewhere = new Set(existing.filter((row) => row.school_id !== target.schoolId).map((row) => row.ine));
  const here = new Set(existing.filter((row) => row.school_id === target.schoolId).map((row) => row.ine));
  const divisions = new Set(
    (await db.selectFrom('division').select('name').where('school_id', '=', target.schoolId).where('school_year', '=', target.schoolYear).execute()).map((row) => row.name),
  );
  const errors: LineError[] = pupils
    .filter((pupil) => elsewhere.has(pupil.ine))
    .map((pupil) => ({ line: pupil.line, message: `Ligne ${pupil.line} : l’INE ${pupil.ine} est celui d’un élève inscrit dans un autre établissement.` }));
  const importedDivisions = [...new Set(pupils.map((pupil) => pupil.division))];
  return {
    errors,
    pupils: pupils.length,
    representatives: new Set(pupils.flatMap((pupil) => pupil.representatives.map(representativeKey))).size,
    divisions: importedDivisions.length,
    newPupils: pupils.filter((pupil) => !here.has(pupil.ine)).length,
    updatedPupils: pupils.filter((pupil) => here.has(pupil.ine)).length,
    newDivisions: importedDivisions.filter((name) => !divisions.has(name)).sort(),
  };
}

export type ImportReport = { createdPupils: number; updatedPupils: number; createdRepresentatives: number; createdDivisions: number };

/**
 * Writes the import in the caller's transaction: divisions by name, pupils by INE (created or
 * updated, never deleted), representatives by identity (names and e-mail), so that a second
 * import of the same file changes nothing and a corrected one updates in place.
 */
export async function applyImport(trx: Kysely<Database>, target: ImportTarget, pupils: ImportedPupil[], at: Date): Promise<ImportReport> {
  const report: ImportReport = { createdPupils: 0, updatedPupils: 0, createdRepresentatives: 0, createdDivisions: 0 };

  const divisionIds = new Map(
    (await trx.selectFrom('division').select(['id', 'name']).where('school_id', '=', target.schoolId).where('school_year', '=', target.schoolYear).execute()).map(
      (row) => [row.name, row.id] as const,
    ),
  );
  const missingDivisions = [...new Set(pupils.map((pupil) => pupil.division))].filter((name) => !divisionIds.has(name));
  if (missingDivisions.length > 0) {
    const created = await trx
      .insertInto('division')
      .values(missingDivisions.map((name) => ({ school_id: target.schoolId, school_year: target.schoolYear, name, level: target.level })))
      .returning(['id', 'name'])
      .execute();
    for (const row of created) divisionIds.set(row.name, row.id);
    report.createdDivisions = created.length;
  }

  const existing = new Map(
    (
      await trx
        .selectFrom('pupil')
        .select(['id', 'ine', 'last_name', 'first_name', 'birth_date', 'division_id'])
        .where('school_id', '=', target.schoolId)
        .where(
          'ine',
          'in',
          pupils.map((pupil) => pupil.ine),
        )
        .execute()
    ).map((row) => [row.ine!, row] as const),
  );
  const toCreate = pupils.filter((pupil) => !existing.has(pupil.ine));
  const pupilIds = new Map<string, number>();
  for (const [ine, row] of existing) pupilIds.set(ine, row.id);
  for (let start = 0; start < toCreate.length; start += 500) {
    const created = await trx
      .insertInto('pupil')
      .values(
        toCreate.slice(start, start + 500).map((pupil) => ({
          school_id: target.schoolId,
          division_id: divisionIds.get(pupil.division)!,
          ine: pupil.ine,
          last_name: pupil.lastName,
          first_name: pupil.firstName,
          birth_date: pupil.birthDate,
        })),
      )
      .returning(['id', 'ine'])
      .execute();
    for (const row of created) pupilIds.set(row.ine!, row.id);
  }
  report.createdPupils = toCreate.length;
  for (const pupil of pupils) {
    const row = existing.get(pupil.ine);
    if (!row) continue;
    const divisionId = divisionIds.get(pupil.division)!;
    if (row.last_name !== pupil.lastName || row.first_name !== pupil.firstName || row.birth_date !== pupil.birthDate || row.division_id !== divisionId) {
      await trx
        .updateTable('pupil')
        .set({ last_name: pupil.lastName, first_name: pupil.firstName, birth_date: pupil.birthDate, division_id: divisionId, updated_at: at })
        .where('id', '=', row.id)
        .execute();
      report.updatedPupils++;
    }
  }

  // Representatives already known to this school: first the pupil's own (same names), then a
  // sibling's (same names and e-mail), so that a parent is one person across their children.
  const byKey = new Map<string, { id: number; email: string | null; phone: string | null }>();
  const byPupil = new Map<number, Array<{ id: number; names: string; email: string | null; phone: string | null }>>();
  const linked = await trx
    .selectFrom('pupil_representative as pr')
    .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
    .innerJoin('representative as r', 'r.id', 'pr.representative_id')
    .select(['r.id', 'r.last_name', 'r.first_name', 'r.email', 'r.phone', 'pr.pupil_id', 'pr.position'])
    .where('p.school_id', '=', target.schoolId)
    .orderBy('pr.position')
    .execute();
  const currentLinks = new Map<number, string>();
  for (const row of linked) {
    const identity = { lastName: row.last_name, firstName: row.first_name, email: row.email };
    byKey.set(representativeKey(identity), { id: row.id, email: row.email, phone: row.phone });
    const own = byPupil.get(row.pupil_id) ?? [];
    own.push({ id: row.id, names: representativeKey({ ...identity, email: null }), email: row.email, phone: row.phone });
    byPupil.set(row.pupil_id, own);
    currentLinks.set(row.pupil_id, `${currentLinks.get(row.pupil_id) ?? ''}${row.position}:${row.id};`);
  }

  for (const pupil of pupils) {
    const pupilId = pupilIds.get(pupil.ine)!;
    const ids: number[] = [];
    for (const representative of pupil.representatives) {
      const names = representativeKey({ ...representative, email: null });
      let found: { id: number; email: string | null; phone: string | null } | undefined =
        byPupil.get(pupilId)?.find((own) => own.names === names) ?? byKey.get(representativeKey(representative));
      if (!found) {
        const created = await trx
          .insertInto('representative')
          .values({ last_name: representative.lastName, first_name: representative.firstName, email: representative.email, phone: representative.phone })
          .returning('id')
          .executeTakeFirstOrThrow();
        found = { id: created.id, email: representative.email, phone: representative.phone };
        byKey.set(representativeKey(representative), found);
        report.createdRepresentatives++;
      } else {
        // The file never overwrites an address the family gave in the portal: it only fills a missing one.
        const email = found.email ?? representative.email;
        const phone = representative.phone ?? found.phone;
        if (email !== found.email || phone !== found.phone) {
          await trx.updateTable('representative').set({ email, phone, updated_at: at }).where('id', '=', found.id).execute();
          found.email = email;
          found.phone = phone;
        }
      }
      if (!ids.includes(found.id)) ids.push(found.id);
    }
    const wanted = ids.map((id, index) => `${index + 1}:${id};`).join('');
    if (currentLinks.get(pupilId) !== wanted) {
      await trx.deleteFrom('pupil_representative').where('pupil_id', '=', pupilId).execute();
      await trx
        .insertInto('pupil_representative')
        .values(ids.map((id, index) => ({ pupil_id: pupilId, representative_id: id, position: (index + 1) as 1 | 2 })))
        .execute();
    }
  }
  return report;
}
