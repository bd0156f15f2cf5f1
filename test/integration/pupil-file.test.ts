import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { fileStage, validateIntentions, acknowledgeOpinions, type PupilFile } from '../../src/domain/file.js';
import { validateWishes } from '../../src/domain/wishes.js';
import { dashboardCounts, divisionGrid } from '../../src/etablissement/queries.js';
import { pupilTimeline, type HistoryActor } from '../../src/history/history.js';
import { applyTransition } from '../../src/pupil-file/apply.js';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { createTestDatabase, TEST_SEED_INSTANT } from '../support/database.js';

let database: DatabaseHandle;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

async function pupilNamed(firstName: string, lastName: string) {
  return database.db.selectFrom('pupil').select(['id', 'division_id']).where('first_name', '=', firstName).where('last_name', '=', lastName).executeTakeFirstOrThrow();
}

async function representativeOf(pupilId: number, position: 1 | 2) {
  const row = await database.db
    .selectFrom('pupil_representative as pr')
    .innerJoin('representative as r', 'r.id', 'pr.representative_id')
    .select(['r.id', 'r.first_name', 'r.last_name'])
    .where('pr.pupil_id', '=', pupilId)
    .where('pr.position', '=', position)
    .executeTakeFirstOrThrow();
  const history: HistoryActor = { kind: 'representative', accountId: null, name: `${row.first_name} ${row.last_name}`, role: 'représentant légal' };
  return { id: row.id, actor: { kind: 'representative' as const, representativeId: row.id }, history };
}

const threeE = (raw: unknown[]) => {
  const result = validateWishes(raw, { level: '3e', phase: 'provisional', offer: new Set() });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.list;
};

const rowCounts = async () =>
  (
    await sql<{ n: number }>`select (select count(*) from wish) + (select count(*) from phase_validation) + (select count(*) from history) + (select count(*) from pupil_file) as n`.execute(
      database.db,
    )
  ).rows[0]!.n;

describe('le dossier d’un élève en base', () => {
  it('les dossiers de démonstration sont à l’étape que décrit le README', async () => {
    const expectations: Array<[string, string, string]> = [
      ['Léa', 'Martin', 'awaitingIntentions'],
      ['Hugo', 'Petit', 'opinionsPublished'],
      ['Inès', 'Bernard', 'awaitingChoices'],
      ['Nathan', 'Roux', 'proposalsPublished'],
      ['Zoé', 'Lefort', 'awaitingIntentions'],
    ];
    for (const [firstName, lastName, stage] of expectations) {
      const pupil = await pupilNamed(firstName, lastName);
      const stored = await loadPupilFile(database.db, pupil.id);
      expect(fileStage(stored!.file), firstName).toBe(stage);
    }
    const nathan = (await loadPupilFile(database.db, (await pupilNamed('Nathan', 'Roux')).id))!;
    expect(nathan.file.final.wishes.map((wish) => wish.track)).toEqual(['1G', '1T-STMG', '1T-ST2S']);
    expect(nathan.file.final.proposals?.byRank.map((p) => p.answer)).toEqual(['no', 'yes', 'no']);
    expect(nathan.file.final.proposals?.proposedTracks).toEqual(['1T-STI2D']);
    const hugo = (await loadPupilFile(database.db, (await pupilNamed('Hugo', 'Petit')).id))!;
    const zay1 = await representativeOf(hugo.pupil.id, 1);
    expect(hugo.file.provisional.author).toEqual({ kind: 'representative', id: zay1.id });
    expect(hugo.file.provisional.acknowledgedAt).toBeNull();
  });

  it('valider des intentions enregistre les vœux, l’auteur, et une entrée d’historique en français', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const parent = await representativeOf(lea.id, 1);
    const list = threeE([
      { rank: 1, track: 'CAP', occupation: 'Ébéniste', schoolStatus: true, apprenticeStatus: false },
      { rank: 2, track: '2GT' },
    ]);
    const result = await applyTransition(database.db, {
      pupilId: lea.id,
      name: 'validateIntentions',
      actor: parent.history,
      at: TEST_SEED_INSTANT,
      transition: (file) => validateIntentions(file, parent.actor, TEST_SEED_INSTANT, list),
    });
    expect(result.ok).toBe(true);

    const stored = (await loadPupilFile(database.db, lea.id))!;
    expect(stored.file.provisional.status).toBe('validated');
    expect(stored.file.provisional.wishes).toEqual([
      { rank: 1, track: 'CAP', occupation: 'Ébéniste', schoolStatus: true, apprenticeStatus: false },
      { rank: 2, track: '2GT' },
    ]);
    expect(stored.file.provisional.author).toEqual({ kind: 'representative', id: parent.id });
    const timeline = await pupilTimeline(database.db, lea.id, 'Europe/Paris');
    expect(timeline[0]?.sentence).toBe(`${parent.history.name} (représentant légal) a validé les intentions d’orientation.`);
    expect(timeline[0]?.dateText).toBe('15/03/2027 à 10 h 00');
  });

  it('une écriture refusée par les règles ne laisse aucune ligne', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const otherParent = await representativeOf((await pupilNamed('Hugo', 'Petit')).id, 1);
    const before = await rowCounts();
    const result = await applyTransition(database.db, {
      pupilId: lea.id,
      name: 'validateIntentions',
      actor: otherParent.history,
      at: TEST_SEED_INSTANT,
      transition: (file) => validateIntentions(file, otherParent.actor, TEST_SEED_INSTANT, threeE([{ rank: 1, track: '2GT' }])),
    });
    expect(result.ok).toBe(false);
    expect(await rowCounts()).toBe(before);
  });

  it('une écriture qui échoue en base au milieu de la transaction ne laisse aucune ligne', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const parent = await representativeOf(lea.id, 1);
    const before = await rowCounts();
    // An actor name the history refuses (NOT NULL) fails the last statement of the transaction.
    const broken = { ...parent.history, name: null as unknown as string };
    await expect(
      applyTransition(database.db, {
        pupilId: lea.id,
        name: 'validateIntentions',
        actor: broken,
        at: TEST_SEED_INSTANT,
        transition: (file) => validateIntentions(file, parent.actor, TEST_SEED_INSTANT, threeE([{ rank: 1, track: '2GT' }])),
      }),
    ).rejects.toThrow();
    expect(await rowCounts()).toBe(before);
    expect((await loadPupilFile(database.db, lea.id))!.file.provisional.status).toBe('empty');
  });

  it('deux représentants qui valident au même moment : un seul gagne, le dossier reste entier', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const [first, second] = [await representativeOf(lea.id, 1), await representativeOf(lea.id, 2)];
    // Both read the file before either writes, as two browsers would.
    const [seenByFirst, seenBySecond] = [await loadPupilFile(database.db, lea.id), await loadPupilFile(database.db, lea.id)];
    const attempt = (parent: typeof first, stored: typeof seenByFirst, raw: unknown[]) =>
      applyTransition(database.db, {
        pupilId: lea.id,
        name: 'validateIntentions',
        actor: parent.history,
        at: TEST_SEED_INSTANT,
        stored: stored!,
        transition: (file: PupilFile) => validateIntentions(file, parent.actor, TEST_SEED_INSTANT, threeE(raw)),
      });
    const results = await Promise.all([
      attempt(first, seenByFirst, [{ rank: 1, track: '2GT' }]),
      attempt(second, seenBySecond, [{ rank: 1, track: 'CAP' }, { rank: 2, track: '2PRO' }]),
    ]);
    const winners = results.filter((result) => result.ok);
    const losers = results.filter((result) => !result.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toMatchObject({ ok: false, reason: expect.stringContaining('modifiés entre-temps par l’autre représentant légal') });

    const stored = (await loadPupilFile(database.db, lea.id))!;
    const winner = results[0]!.ok ? first : second;
    expect(stored.file.provisional.author).toEqual({ kind: 'representative', id: winner.id });
    expect(stored.file.provisional.wishes.map((wish) => wish.track)).toEqual(results[0]!.ok ? ['2GT'] : ['CAP', '2PRO']);
    expect(stored.version).toBe(1);
    expect(await pupilTimeline(database.db, lea.id, 'Europe/Paris')).toHaveLength(1);
  });

  it('l’historique ne peut être ni modifié ni effacé', async () => {
    const hugo = await pupilNamed('Hugo', 'Petit');
    const count = async () => (await database.db.selectFrom('history').select((eb) => eb.fn.countAll<number>().as('n')).where('pupil_id', '=', hugo.id).executeTakeFirstOrThrow()).n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(database.db.updateTable('history').set({ actor_name: 'Quelqu’un d’autre' }).where('pupil_id', '=', hugo.id).execute()).rejects.toThrow(/ni modifié ni effacé/);
    await expect(database.db.deleteFrom('history').where('pupil_id', '=', hugo.id).execute()).rejects.toThrow(/ni modifié ni effacé/);
    await expect(sql`truncate history`.execute(database.db)).rejects.toThrow(/ni modifié ni effacé/);
    expect(await count()).toBe(before);
  });

  it('la chronologie d’un élève se lit en phrases, la plus récente d’abord', async () => {
    const hugo = await pupilNamed('Hugo', 'Petit');
    const timeline = await pupilTimeline(database.db, hugo.id, 'Europe/Paris');
    expect(timeline.map((item) => item.sentence)).toEqual([
      expect.stringMatching(/\(chef d’établissement\) a publié l’avis provisoire du conseil de classe\.$/),
      expect.stringMatching(/\(chef d’établissement\) a saisi l’avis provisoire du conseil de classe\.$/),
      'Le service (procédure automatique) a clos la saisie des intentions.',
      'Nadia Petit (représentant légal) a validé les intentions d’orientation.',
    ]);
  });

  it('accuser réception met le dossier à l’étape des choix définitifs', async () => {
    const hugo = await pupilNamed('Hugo', 'Petit');
    const parent = await representativeOf(hugo.id, 2);
    const result = await applyTransition(database.db, {
      pupilId: hugo.id,
      name: 'acknowledgeOpinions',
      actor: parent.history,
      at: TEST_SEED_INSTANT,
      transition: (file) => acknowledgeOpinions(file, parent.actor, TEST_SEED_INSTANT),
    });
    expect(result.ok).toBe(true);
    const stored = (await loadPupilFile(database.db, hugo.id))!;
    expect(fileStage(stored.file)).toBe('awaitingChoices');
    expect(stored.file.provisional.acknowledgedBy).toEqual({ kind: 'representative', id: parent.id });
  });
});

describe('requêtes de l’établissement', () => {
  it('la grille du conseil d’une division liste chaque élève avec ses vœux et les réponses du conseil', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const stored = (await loadPupilFile(database.db, nathan.id))!;
    const grid = await divisionGrid(database.db, { campaignId: stored.campaignId, divisionId: nathan.division_id, phase: 'final' });
    const row = grid.find((r) => r.pupilId === nathan.id)!;
    expect(row.wishes.map((w) => w.track)).toEqual(['1G', '1T-STMG', '1T-ST2S']);
    expect(row.answers).toEqual([
      { rank: 1, answer: 'no' },
      { rank: 2, answer: 'yes' },
      { rank: 3, answer: 'no' },
    ]);
    expect(row.councilTracks).toEqual(['1T-STI2D']);
    expect(grid.length).toBeGreaterThanOrEqual(4);
  });

  it('le tableau de bord compte, par division, qui a validé, accusé réception, répondu', async () => {
    const hugo = await pupilNamed('Hugo', 'Petit');
    const stored = (await loadPupilFile(database.db, hugo.id))!;
    const counts = await dashboardCounts(database.db, stored.campaignId);
    expect(counts.map((c) => c.divisionName)).toEqual(['3e A', '3e B']);
    const division = counts.find((c) => c.divisionId === hugo.division_id)!;
    expect(division.pupils).toBe(4);
    const files = await database.db.selectFrom('pupil_file').innerJoin('pupil', 'pupil.id', 'pupil_file.pupil_id').select(['provisional_status']).where('pupil.division_id', '=', hugo.division_id).execute();
    expect(division.acknowledged).toBe(files.filter((f) => f.provisional_status === 'acknowledged').length);
    expect(division.intentionsValidated).toBeGreaterThanOrEqual(1);
    expect(typeof division.representativesWithoutEmail).toBe('number');
  });
});
