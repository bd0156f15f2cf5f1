// Generates a whole académie for load tests: `schools` schools (one in five a lycée, the others
// collèges), `pupils` pupils spread over them in divisions of about 28, one or two legal
// representatives each (most with an account), and pupils' files in every state of the procedure
// (nothing yet, intentions validated, avis published, acknowledged, choix définitifs drafted or
// validated, propositions published, answered, decided, en dialogue), with their history.
//
//   DATABASE_URL=postgres://… npx tsx scripts/generate-academie.ts [--schools 300] [--pupils 100000]
//
// Deterministic (fixed seed: the same parameters give the same names, families and states) and
// fast: rows are computed here and written in batches of 10 000 through `insert … select from
// unnest(…)` (one statement per batch, like COPY), with explicit ids so that no row has to be read back.
// The schema is the service's own: the migrations run first. The database must hold no school yet.
//
// Accounts (all with must_change_password = false) share ONE password hash, computed once:
//   families  rl.<n>.<position>   (n = the pupil's number, from 1; position 1 or 2)
//   heads     chef.<n>            (n = the school's number, from 1; school 1 has exactly 300 pupils when possible)
//   password  « orientation-banc » (BENCH_PASSWORD)
import { sql, type Kysely } from 'kysely';
import { pathToFileURL } from 'node:url';
import { hashPassword } from '../src/auth/password.js';
import { ensureAcademy } from '../src/db/academy.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database, Level } from '../src/db/schema.js';
import { validateWishes, type Phase } from '../src/domain/wishes.js';

export const BENCH_PASSWORD = 'orientation-banc';
const DAY = 24 * 60 * 60 * 1000;
const DIVISION_SIZE = 28;
const BATCH = 10_000;

const FIRST_NAMES = ['Emma', 'Louise', 'Jade', 'Alice', 'Chloé', 'Lina', 'Mila', 'Rose', 'Anna', 'Ambre', 'Julia', 'Zoé', 'Léna', 'Manon', 'Sarah', 'Nina', 'Lou', 'Agathe', 'Clara', 'Maëlys', 'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Jules', 'Adam', 'Lucas', 'Maël', 'Noah', 'Sacha', 'Gabin', 'Tom', 'Ethan', 'Paul', 'Nolan', 'Yanis', 'Mohamed', 'Samuel', 'Timéo'];
const LAST_NAMES = ['Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Faure', 'André', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Lemaire', 'N’Diaye', 'Benali', 'Nguyen', 'Da Silva', 'Traoré'];
const ADULT_FIRST_NAMES = ['Nathalie', 'Stéphanie', 'Céline', 'Sandrine', 'Aurélie', 'Virginie', 'Émilie', 'Laetitia', 'Fatima', 'Mélanie', 'Sébastien', 'Nicolas', 'Christophe', 'Olivier', 'Frédéric', 'David', 'Jérôme', 'Stéphane', 'Karim', 'Cédric'];
const TOWNS = ['Albi', 'Auch', 'Cahors', 'Foix', 'Millau', 'Rodez', 'Tarbes', 'Montauban', 'Castres', 'Figeac', 'Lourdes', 'Pamiers'];
const LYCEE_OFFER = ['MATHS', 'PC', 'SVT', 'SES', 'HGGSP', 'HLP', 'LLCER-ANG', 'NSI'];

/** The wish lists every generated family chooses (validated by the domain before anything is written). */
const RAW_LISTS: Record<Level, Record<Phase, Array<Record<string, unknown>>>> = {
  '3e': {
    provisional: [{ track: '2GT' }, { track: '2PRO', occupation: 'Électricien', schoolStatus: true, apprenticeStatus: false }, { track: 'CAP', occupation: 'Pâtissier', schoolStatus: false, apprenticeStatus: true }],
    final: [{ track: '2GT' }, { track: '2PRO', occupation: 'Électricien', schoolStatus: true, apprenticeStatus: false }, { track: 'CAP', occupation: 'Pâtissier', schoolStatus: false, apprenticeStatus: true }],
  },
  '2de': {
    provisional: [{ track: '1G', specialties: ['MATHS', 'PC', 'SVT', 'NSI'] }, { track: '1T-STMG' }],
    final: [{ track: '1G', specialties: ['MATHS', 'PC', 'SVT'] }, { track: '1T-STMG' }],
  },
};

type StoredWish = { rank: number; track: string; details: string };
function wishList(level: Level, phase: Phase): StoredWish[] {
  const raw = RAW_LISTS[level][phase].map((wish, index) => ({ ...wish, rank: index + 1 }));
  const result = validateWishes(raw, { level, phase, offer: new Set(level === '2de' ? LYCEE_OFFER : []) });
  if (!result.ok) throw new Error(`Liste de vœux invalide (${level}, ${phase}) : ${result.errors.map((e) => e.message).join(' ')}`);
  return result.list.wishes.map(({ rank, track, ...details }) => ({ rank, track, details: JSON.stringify(details) }));
}
/** The list a draft holds (what the wish editor stores: whole wishes, with their rank). */
export function draftWishes(level: Level): string {
  const result = validateWishes(RAW_LISTS[level].final.map((wish, index) => ({ ...wish, rank: index + 1 })), { level, phase: 'final', offer: new Set(level === '2de' ? LYCEE_OFFER : []) });
  if (!result.ok) throw new Error('liste de brouillon invalide');
  return JSON.stringify(result.list.wishes);
}

/** mulberry32: a small deterministic generator. */
function randomGenerator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ——— States ———
// A school is in its choix définitifs window (most), or in its response window (one in ten).
// A pupil's state follows from their number by a multiplicative hash, the same in SQL (see
// PUPIL_BUCKET_SQL), so that the load test can find (and reset) the families of each state.

export type SchoolPhase = 'choices' | 'response';
export const schoolPhaseOf = (schoolNumber: number): SchoolPhase => (schoolNumber % 10 === 0 ? 'response' : 'choices');
export const levelOf = (schoolNumber: number): Level => (schoolNumber % 5 === 3 ? '2de' : '3e');
/** 0..99, from the pupil's number (1-based). */
export const pupilBucket = (pupilNumber: number): number => ((pupilNumber * 2654435761) % 4294967296) % 100;
export const PUPIL_BUCKET_SQL = (numberExpression: string) => `(((${numberExpression})::bigint * 2654435761) % 4294967296) % 100`;

export type PupilState =
  | 'none' // nothing written yet
  | 'intentions' // intentions validated, avis not published (a division whose council is late)
  | 'published' // avis provisoire published, not acknowledged
  | 'draft' // acknowledged, choix définitifs being edited (a draft of three wishes)
  | 'acknowledged' // acknowledged, no choix yet
  | 'choices' // choix définitifs validated
  | 'proposals' // propositions published, waiting for the answer
  | 'decided' // answered « oui », accord given: decision
  | 'dialogue'; // refused: en dialogue

export function pupilState(phase: SchoolPhase, bucket: number): PupilState {
  if (phase === 'choices') {
    if (bucket < 5) return 'none';
    if (bucket < 10) return 'intentions';
    if (bucket < 20) return 'published';
    if (bucket < 45) return 'draft';
    if (bucket < 55) return 'acknowledged';
    return 'choices';
  }
  if (bucket < 5) return 'none';
  if (bucket < 35) return 'proposals';
  if (bucket < 85) return 'decided';
  return 'dialogue';
}

/** The campaign windows, placed around `now`: the load test calls it before each run so that the windows are open. */
export async function alignWindows(db: Kysely<Database>, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const plans: Record<SchoolPhase, Record<string, [number, number]>> = {
    choices: { intentions: [-60, -40], acknowledgement: [-35, 10], choices: [-10, 10], response: [15, 25] },
    response: { intentions: [-90, -70], acknowledgement: [-65, -40], choices: [-50, -25], response: [-3, 7] },
  };
  for (const phase of ['choices', 'response'] as const) {
    const p = plans[phase];
    await sql`
      update campaign set
        intentions_opens_at = ${at(p.intentions![0])}, intentions_closes_at = ${at(p.intentions![1])},
        acknowledgement_opens_at = ${at(p.acknowledgement![0])}, acknowledgement_closes_at = ${at(p.acknowledgement![1])},
        choices_opens_at = ${at(p.choices![0])}, choices_closes_at = ${at(p.choices![1])},
        response_opens_at = ${at(p.response![0])}, response_closes_at = ${at(p.response![1])}
      where school_id in (select id from school where uai like '098%' and ${sql.raw(phase === 'response' ? '' : 'not ')}(substr(uai, 4, 4)::int % 10 = 0))`.execute(db);
  }
}

// ——— Batched writes ———

type Column = [name: string, type: string];
async function insertRows(db: Kysely<Database>, table: string, columns: Column[], rows: unknown[][], options: { overriding?: boolean } = {}): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const chunk = rows.slice(start, start + BATCH);
    const arrays = columns.map((_, index) => chunk.map((row) => row[index] ?? null));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
      ${sql.raw(options.overriding ? 'overriding system value' : '')}
      select * from unnest(${sql.join(arrays.map((array, index) => sql`${array}::${sql.raw(columns[index]![1])}[]`))})`.execute(db);
  }
}

async function nextId(db: Kysely<Database>, table: string): Promise<number> {
  const result = await sql<{ next: number }>`select coalesce(max(id), 0)::int + 1 as next from ${sql.table(table)}`.execute(db);
  return result.rows[0]!.next;
}

async function syncSequence(db: Kysely<Database>, table: string): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select coalesce(max(id), 1) from ${sql.table(table)}))`.execute(db);
}

export type GenerationSummary = Record<string, number> & { ms: number };

export async function generateAcademie(
  db: Kysely<Database>,
  options: { schools: number; pupils: number; now: Date; passwordHash: string; log?: (line: string) => void },
): Promise<GenerationSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const now = options.now;
  const random = randomGenerator(20270301);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const schoolYear = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;

  const anySchool = await db.selectFrom('school').select('id').limit(1).executeTakeFirst();
  if (anySchool) throw new Error('La base contient déjà des établissements : la génération demande une base sans établissement.');
  const academy = await db.selectFrom('academy').select('id').orderBy('id').executeTakeFirstOrThrow();

  // School sizes: school 1 has 300 pupils (the load test's « établissement de 300 élèves »), the others share the rest.
  const sizes: number[] = [];
  const first = options.schools > 1 ? Math.min(300, options.pupils) : options.pupils;
  sizes.push(first);
  for (let index = 1; index < options.schools; index++) {
    const remaining = options.pupils - sizes.reduce((a, b) => a + b, 0);
    sizes.push(Math.round(remaining / (options.schools - index)));
  }

  const ids = {
    school: await nextId(db, 'school'),
    division: await nextId(db, 'division'),
    pupil: await nextId(db, 'pupil'),
    representative: await nextId(db, 'representative'),
    staff: await nextId(db, 'staff'),
    account: await nextId(db, 'user_account'),
    campaign: await nextId(db, 'campaign'),
    file: await nextId(db, 'pupil_file'),
  };
  const rows = {
    school: [] as unknown[][],
    staff: [] as unknown[][],
    division: [] as unknown[][],
    campaign: [] as unknown[][],
    councilDate: [] as unknown[][],
    specialty: [] as unknown[][],
    publication: [] as unknown[][],
    pupil: [] as unknown[][],
    representative: [] as unknown[][],
    link: [] as unknown[][],
    account: [] as unknown[][],
    file: [] as unknown[][],
    wish: [] as unknown[][],
    validation: [] as unknown[][],
    councilAnswer: [] as unknown[][],
    councilSummary: [] as unknown[][],
    acknowledgement: [] as unknown[][],
    response: [] as unknown[][],
    accord: [] as unknown[][],
    outcome: [] as unknown[][],
    history: [] as unknown[][],
    draft: [] as unknown[][],
  };
  const hash = options.passwordHash;
  const lists = {
    '3e': { provisional: wishList('3e', 'provisional'), final: wishList('3e', 'final'), draft: draftWishes('3e') },
    '2de': { provisional: wishList('2de', 'provisional'), final: wishList('2de', 'final'), draft: draftWishes('2de') },
  };

  let pupilNumber = 0;
  for (let s = 0; s < options.schools; s++) {
    const schoolNumber = s + 1;
    const schoolId = ids.school++;
    const level = levelOf(schoolNumber);
    const phase = schoolPhaseOf(schoolNumber);
    const kind = level === '3e' ? 'college' : 'lycee';
    const town = TOWNS[s % TOWNS.length]!;
    rows.school.push([schoolId, academy.id, `098${String(schoolNumber).padStart(4, '0')}${String.fromCharCode(65 + (s % 26))}`, `${kind === 'college' ? 'Collège' : 'Lycée'} ${pick(LAST_NAMES)} de ${town} (${schoolNumber})`, kind]);
    const staffId = ids.staff++;
    const headFirst = pick(ADULT_FIRST_NAMES);
    const headLast = pick(LAST_NAMES);
    rows.staff.push([staffId, schoolId, 'head', headLast, headFirst, `chef.${schoolNumber}@example.org`]);
    const headAccount = ids.account++;
    rows.account.push([headAccount, `chef.${schoolNumber}`, hash, false, 'staff', null, staffId]);
    const head = { kind: 'staff', account: headAccount, name: `${headFirst} ${headLast}`, role: 'chef d’établissement' };
    const campaignId = ids.campaign++;
    rows.campaign.push([campaignId, schoolId, level, schoolYear, `Message de l’établissement ${schoolNumber} aux familles.`]);
    if (level === '2de') for (const code of LYCEE_OFFER) rows.specialty.push([schoolId, code]);

    const divisionCount = Math.max(1, Math.ceil(sizes[s]! / DIVISION_SIZE));
    const divisionIds: number[] = [];
    for (let d = 0; d < divisionCount; d++) {
      const divisionId = ids.division++;
      divisionIds.push(divisionId);
      rows.division.push([divisionId, schoolId, schoolYear, `${level} ${String.fromCharCode(65 + (d % 26))}${d >= 26 ? Math.floor(d / 26) : ''}`, level]);
      rows.councilDate.push([campaignId, divisionId, ago(38), phase === 'response' ? ago(22) : new Date(now.getTime() + 12 * DAY)]);
      rows.publication.push([campaignId, divisionId, 'provisional', ago(36), staffId]);
      if (phase === 'response') rows.publication.push([campaignId, divisionId, 'final', ago(20), staffId]);
    }

    for (let p = 0; p < sizes[s]!; p++) {
      pupilNumber++;
      const pupilId = ids.pupil++;
      const divisionId = divisionIds[Math.floor((p * divisionCount) / sizes[s]!)]!;
      const lastName = pick(LAST_NAMES);
      rows.pupil.push([pupilId, schoolId, divisionId, lastName, pick(FIRST_NAMES)]);
      const representativeCount = random() < 0.8 ? 2 : 1;
      const members: Array<{ id: number; account: number | null; name: string }> = [];
      for (let position = 1; position <= representativeCount; position++) {
        const representativeId = ids.representative++;
        const firstName = pick(ADULT_FIRST_NAMES);
        const email = random() < 0.8 ? `rl.${pupilNumber}.${position}@example.org` : null;
        rows.representative.push([representativeId, lastName, firstName, email]);
        rows.link.push([pupilId, representativeId, position]);
        // Every first representative has an account; nine second representatives in ten.
        let account: number | null = null;
        if (position === 1 || random() < 0.9) {
          account = ids.account++;
          rows.account.push([account, `rl.${pupilNumber}.${position}`, hash, false, 'representative', representativeId, null]);
        }
        members.push({ id: representativeId, account, name: `${firstName} ${lastName}` });
      }

      const state = pupilState(phase, pupilBucket(pupilNumber));
      if (state === 'none') continue;
      const rep1 = members[0]!;
      const rep2 = members[1] ?? null;
      const family = (m: typeof rep1) => ({ kind: 'representative', account: m.account, name: m.name, role: 'représentant légal' });
      const fileId = ids.file++;
      let version = 0;
      const history = (at: Date, actor: { kind: string; account: number | null; name: string; role: string }, action: string) => {
        version++;
        rows.history.push([pupilId, fileId, at, actor.kind, actor.account, actor.name, actor.role, action]);
      };
      const wishes = (phaseName: Phase) => {
        for (const wish of lists[level][phaseName]) rows.wish.push([fileId, phaseName, wish.rank, wish.track, wish.details]);
      };
      const provisionalStatus = state === 'intentions' ? 'validated' : state === 'published' ? 'published' : 'acknowledged';
      let finalStatus = 'empty';
      let accordStatus: string | null = null;
      let outcomeStatus = 'pending';

      // Intentions, validated by the first representative.
      wishes('provisional');
      rows.validation.push([fileId, 'provisional', 'representative', rep1.id, ago(45), ago(40)]);
      history(ago(45), family(rep1), 'validateIntentions');
      if (state !== 'intentions') {
        rows.councilAnswer.push(...lists[level].provisional.map((wish) => [fileId, 'provisional', wish.rank, wish.rank === 1 ? 'favorable' : 'reserved']));
        rows.councilSummary.push([fileId, 'provisional', JSON.stringify([]), 'Avis du conseil de classe.']);
        history(ago(38), head, 'recordOpinions');
        history(ago(36), head, 'publishOpinions');
      }
      if (provisionalStatus === 'acknowledged') {
        rows.acknowledgement.push([fileId, 'representative', rep1.id, ago(phase === 'response' ? 45 : 8)]);
        history(ago(phase === 'response' ? 45 : 8), family(rep1), 'acknowledgeOpinions');
      }
      if (state === 'draft' && rep1.account !== null) {
        rows.draft.push([rep1.account, pupilId, 'final', lists[level].draft, -1 /* version, set below */]);
      }
      if (state === 'choices' || phase === 'response') {
        wishes('final');
        rows.validation.push([fileId, 'final', 'representative', rep1.id, ago(phase === 'response' ? 30 : 2), phase === 'response' ? ago(25) : null]);
        history(ago(phase === 'response' ? 30 : 2), family(rep1), 'validateChoices');
        finalStatus = 'validated';
      }
      if (phase === 'response') {
        rows.councilAnswer.push(...lists[level].final.map((wish) => [fileId, 'final', wish.rank, wish.rank === 1 ? 'yes' : 'no']));
        rows.councilSummary.push([fileId, 'final', JSON.stringify([]), 'Propositions du conseil de classe.']);
        history(ago(25), head, 'closeChoices');
        history(ago(22), head, 'recordProposals');
        history(ago(20), head, 'publishProposals');
        finalStatus = 'published';
        const firstTrack = lists[level].final[0]!.track;
        if (state === 'decided') {
          finalStatus = 'answered';
          rows.response.push([fileId, 'accepted', JSON.stringify([firstTrack]), 'representative', rep1.id, ago(2)]);
          history(ago(2), family(rep1), 'answerProposals');
          if (rep2) {
            accordStatus = 'agreed';
            rows.accord.push([fileId, 'representative', rep2.id, ago(1)]);
            history(ago(1), family(rep2), 'giveAccord');
          } else {
            accordStatus = 'notNeeded';
          }
          outcomeStatus = 'decided';
          rows.outcome.push([fileId, 'decision', rep2 ? ago(1) : ago(2), JSON.stringify([firstTrack]), null]);
        } else if (state === 'dialogue') {
          finalStatus = 'answered';
          rows.response.push([fileId, 'refused', JSON.stringify([]), 'representative', rep1.id, ago(2)]);
          history(ago(2), family(rep1), 'answerProposals');
          accordStatus = 'notNeeded';
          outcomeStatus = 'dialogue';
          rows.outcome.push([fileId, 'dialogue', ago(2), null, 'refusal']);
        }
      }
      rows.file.push([fileId, pupilId, campaignId, version, provisionalStatus, finalStatus, accordStatus, outcomeStatus]);
      if (state === 'draft' && rep1.account !== null) rows.draft[rows.draft.length - 1]![4] = version;
    }
  }
  log(`  lignes calculées en ${Math.round(performance.now() - started)} ms ; écriture…`);

  const summary: GenerationSummary = { ms: 0 };
  const write = async (label: string, table: string, columns: Column[], data: unknown[][], overriding = false) => {
    const at = performance.now();
    await insertRows(db, table, columns, data, { overriding });
    summary[label] = data.length;
    log(`  ${table} : ${data.length} lignes (${Math.round(performance.now() - at)} ms)`);
  };
  await db.transaction().execute(async (trx) => {
    await write('schools', 'school', [['id', 'int4'], ['academy_id', 'int4'], ['uai', 'text'], ['name', 'text'], ['kind', 'text']], rows.school, true);
    await write('staff', 'staff', [['id', 'int4'], ['school_id', 'int4'], ['role', 'text'], ['last_name', 'text'], ['first_name', 'text'], ['email', 'text']], rows.staff, true);
    await write('divisions', 'division', [['id', 'int4'], ['school_id', 'int4'], ['school_year', 'int2'], ['name', 'text'], ['level', 'text']], rows.division, true);
    await write('campaigns', 'campaign', [['id', 'int4'], ['school_id', 'int4'], ['level', 'text'], ['school_year', 'int2'], ['school_message', 'text']], rows.campaign, true);
    await write('councilDates', 'council_date', [['campaign_id', 'int4'], ['division_id', 'int4'], ['provisional_at', 'timestamptz'], ['final_at', 'timestamptz']], rows.councilDate);
    await write('specialties', 'school_specialty', [['school_id', 'int4'], ['specialty_code', 'text']], rows.specialty);
    await write('publications', 'publication', [['campaign_id', 'int4'], ['division_id', 'int4'], ['phase', 'text'], ['published_at', 'timestamptz'], ['published_by_staff_id', 'int4']], rows.publication);
    await write('pupils', 'pupil', [['id', 'int4'], ['school_id', 'int4'], ['division_id', 'int4'], ['last_name', 'text'], ['first_name', 'text']], rows.pupil, true);
    await write('representatives', 'representative', [['id', 'int4'], ['last_name', 'text'], ['first_name', 'text'], ['email', 'text']], rows.representative, true);
    await write('links', 'pupil_representative', [['pupil_id', 'int4'], ['representative_id', 'int4'], ['position', 'int2']], rows.link);
    // Every account may sign in at once: must_change_password is false.
    await write('accounts', 'user_account', [['id', 'int4'], ['login', 'text'], ['password_hash', 'text'], ['must_change_password', 'bool'], ['role', 'text'], ['representative_id', 'int4'], ['staff_id', 'int4']], rows.account, true);
    await write('files', 'pupil_file', [['id', 'int4'], ['pupil_id', 'int4'], ['campaign_id', 'int4'], ['version', 'int4'], ['provisional_status', 'text'], ['final_status', 'text'], ['accord_status', 'text'], ['outcome_status', 'text']], rows.file, true);
    await write('wishes', 'wish', [['file_id', 'int4'], ['phase', 'text'], ['rank', 'int2'], ['track', 'text'], ['details', 'jsonb']], rows.wish);
    await write('validations', 'phase_validation', [['file_id', 'int4'], ['phase', 'text'], ['author_kind', 'text'], ['author_id', 'int4'], ['validated_at', 'timestamptz'], ['closed_at', 'timestamptz']], rows.validation);
    await write('councilAnswers', 'council_answer', [['file_id', 'int4'], ['phase', 'text'], ['rank', 'int2'], ['answer', 'text']], rows.councilAnswer);
    await write('councilSummaries', 'council_summary', [['file_id', 'int4'], ['phase', 'text'], ['tracks', 'jsonb'], ['motivations', 'text']], rows.councilSummary);
    await write('acknowledgements', 'acknowledgement', [['file_id', 'int4'], ['member_kind', 'text'], ['member_id', 'int4'], ['acknowledged_at', 'timestamptz']], rows.acknowledgement);
    await write('responses', 'family_response', [['file_id', 'int4'], ['kind', 'text'], ['tracks', 'jsonb'], ['member_kind', 'text'], ['member_id', 'int4'], ['responded_at', 'timestamptz']], rows.response);
    await write('accords', 'accord', [['file_id', 'int4'], ['member_kind', 'text'], ['member_id', 'int4'], ['given_at', 'timestamptz']], rows.accord);
    await write('outcomes', 'outcome_record', [['file_id', 'int4'], ['kind', 'text'], ['occurred_at', 'timestamptz'], ['tracks', 'jsonb'], ['cause', 'text']], rows.outcome);
    await write('history', 'history', [['pupil_id', 'int4'], ['file_id', 'int4'], ['occurred_at', 'timestamptz'], ['actor_kind', 'text'], ['actor_account_id', 'int4'], ['actor_name', 'text'], ['actor_role', 'text'], ['action', 'text']], rows.history);
    await write('drafts', 'wish_draft', [['account_id', 'int4'], ['pupil_id', 'int4'], ['phase', 'text'], ['wishes', 'jsonb'], ['base_version', 'int4']], rows.draft);
    for (const table of ['school', 'staff', 'division', 'campaign', 'pupil', 'representative', 'user_account', 'pupil_file']) await syncSequence(trx, table);
  });
  await alignWindows(db, now);
  for (const table of ['school', 'division', 'pupil', 'representative', 'pupil_representative', 'user_account', 'pupil_file', 'wish', 'phase_validation', 'history', 'wish_draft']) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} : un entier positif est attendu`);
  return value;
}

// `DATABASE_URL=… tsx scripts/generate-academie.ts --schools 300 --pupils 100000`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL est obligatoire (une base PostgreSQL sans établissement).\n');
    process.exit(1);
  }
  const schools = argument('schools', 300);
  const pupils = argument('pupils', 100_000);
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    await migrateToLatest(database.db);
    await ensureAcademy(database.db, { name: process.env.ACADEMIE_NOM || 'Académie de démonstration', timeZone: process.env.TZ || 'Europe/Paris' });
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const summary = await generateAcademie(database.db, { schools, pupils, now: new Date(), passwordHash, log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`Académie générée : ${JSON.stringify(summary)}\nMot de passe de tous les comptes : « ${BENCH_PASSWORD} » (familles rl.<n>.<1|2>, chefs chef.<n>).\n`);
  } finally {
    await database.close();
  }
}
