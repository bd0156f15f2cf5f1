import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * One deployment serves one académie: its row is created at first boot and follows the
 * configuration (name, time zone) afterwards.
 */
export async function ensureAcademy(db: Kysely<Database>, settings: { name: string; timeZone: string }): Promise<number> {
  const existing = await db.selectFrom('academy').select(['id', 'name', 'time_zone']).orderBy('id').executeTakeFirst();
  if (!existing) {
    const created = await db
      .insertInto('academy')
      .values({ name: settings.name, time_zone: settings.timeZone })
      .returning('id')
      .executeTakeFirstOrThrow();
    return created.id;
  }
  if (existing.name !== settings.name || existing.time_zone !== settings.timeZone) {
    await db
      .updateTable('academy')
      .set({ name: settings.name, time_zone: settings.timeZone, updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
  }
  return existing.id;
}
