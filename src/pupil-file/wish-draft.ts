import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Wish } from '../domain/wishes.js';
import type { Phase } from '../domain/wishes.js';

/** The list a family member is editing for one pupil and one phase, kept on the server until « Valider » or « Annuler ». */
export type WishDraft = { wishes: Wish[]; baseVersion: number };

export type DraftKey = { accountId: number; pupilId: number; phase: Phase };

const parse = (value: unknown): Wish[] => {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? (list as Wish[]) : [];
};

export async function loadDraft(db: Kysely<Database>, key: DraftKey): Promise<WishDraft | null> {
  const row = await db
    .selectFrom('wish_draft')
    .select(['wishes', 'base_version'])
    .where('account_id', '=', key.accountId)
    .where('pupil_id', '=', key.pupilId)
    .where('phase', '=', key.phase)
    .executeTakeFirst();
  return row ? { wishes: parse(row.wishes), baseVersion: row.base_version } : null;
}

/** Creates or replaces the draft; ranks are renumbered 1..n in list order. */
export async function saveDraft(db: Kysely<Database>, key: DraftKey, draft: WishDraft, at: Date): Promise<void> {
  const wishes = JSON.stringify(draft.wishes.map((wish, index) => ({ ...wish, rank: index + 1 })));
  await db
    .insertInto('wish_draft')
    .values({ account_id: key.accountId, pupil_id: key.pupilId, phase: key.phase, wishes, base_version: draft.baseVersion, created_at: at, updated_at: at })
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'pupil_id', 'phase']).doUpdateSet({ wishes, base_version: draft.baseVersion, updated_at: at }),
    )
    .execute();
}

export async function deleteDraft(db: Kysely<Database>, key: DraftKey): Promise<void> {
  await db
    .deleteFrom('wish_draft')
    .where('account_id', '=', key.accountId)
    .where('pupil_id', '=', key.pupilId)
    .where('phase', '=', key.phase)
    .execute();
}
