import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase, testDatabaseKind } from '../support/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await database.close();
});

describe(`migrations (${testDatabaseKind()})`, () => {
  it('toutes les migrations sont appliquées, et les relancer ne fait rien', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('la base refuse ce que le domaine refuse : UAI mal formé, troisième représentant, compte sans personne', async () => {
    const db = database.db;
    const academy = await db.selectFrom('academy').select('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('school').values({ academy_id: academy.id, uai: '123', name: 'X', kind: 'college' }).execute()).rejects.toThrow();
    await expect(db.insertInto('school').values({ academy_id: academy.id, uai: '0990099Z', name: 'X', kind: 'ecole' as never }).execute()).rejects.toThrow();

    const school = await db.insertInto('school').values({ academy_id: academy.id, uai: '0990099Z', name: 'Collège Test', kind: 'college' }).returning('id').executeTakeFirstOrThrow();
    const division = await db.insertInto('division').values({ school_id: school.id, school_year: 2026, name: '3e Z', level: '3e' }).returning('id').executeTakeFirstOrThrow();
    const pupil = await db.insertInto('pupil').values({ school_id: school.id, division_id: division.id, first_name: 'A', last_name: 'B' }).returning('id').executeTakeFirstOrThrow();
    const representatives = await db
      .insertInto('representative')
      .values([1, 2, 3].map((n) => ({ first_name: `R${n}`, last_name: 'B' })))
      .returning('id')
      .execute();
    await db.insertInto('pupil_representative').values([
      { pupil_id: pupil.id, representative_id: representatives[0]!.id, position: 1 },
      { pupil_id: pupil.id, representative_id: representatives[1]!.id, position: 2 },
    ]).execute();
    await expect(
      db.insertInto('pupil_representative').values({ pupil_id: pupil.id, representative_id: representatives[2]!.id, position: 3 as 1 }).execute(),
    ).rejects.toThrow();

    await expect(db.insertInto('user_account').values({ login: 'sans.personne', role: 'pupil' }).execute()).rejects.toThrow();
    await expect(
      db.insertInto('user_account').values({ login: 'mauvais.role', role: 'staff', pupil_id: pupil.id }).execute(),
    ).rejects.toThrow();
    await expect(db.insertInto('user_account').values({ login: 'Majuscules', role: 'pupil', pupil_id: pupil.id }).execute()).rejects.toThrow();

    // A pupil's division must belong to the pupil's school.
    const otherSchool = await db.insertInto('school').values({ academy_id: academy.id, uai: '0990098Y', name: 'Autre', kind: 'college' }).returning('id').executeTakeFirstOrThrow();
    await expect(
      db.insertInto('pupil').values({ school_id: otherSchool.id, division_id: division.id, first_name: 'C', last_name: 'D' }).execute(),
    ).rejects.toThrow();
  });

  it('les nombres comptés et les dates du calendrier ont le même type sur les deux moteurs', async () => {
    const row = await sql<{ n: number; d: string }>`select count(*) as n, date '2027-06-30' as d from academy`.execute(database.db);
    expect(row.rows[0]).toEqual({ n: 1, d: '2027-06-30' });
  });
});
