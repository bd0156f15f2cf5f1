import type { Kysely } from 'kysely';
import { pathToFileURL } from 'node:url';
import { hashPassword } from '../src/auth/password.js';
import type { Database, Level, SchoolKind } from '../src/db/schema.js';
import { seedDemoCampaigns } from './seed-demo-campaigns.js';

// The demo académie: four schools, two divisions each, generated French families, and the
// named accounts of the README (all with the password « orientation »).

export const DEMO_PASSWORD = 'orientation';

type NamedFamily = {
  pupil: { firstName: string; lastName: string; login: string };
  representatives: Array<{ firstName: string; lastName: string; login: string }>;
};

type DemoSchool = {
  uai: string;
  name: string;
  kind: SchoolKind;
  level: Level;
  head: { firstName: string; lastName: string; login: string };
  divisions: [string, string];
  /** The named pupil is placed in this division. */
  namedDivision: string;
  named: NamedFamily;
};

export const DEMO_SCHOOLS: DemoSchool[] = [
  {
    uai: '0990001A',
    name: 'Collège Lucie Aubrac',
    kind: 'college',
    level: '3e',
    head: { firstName: 'Claire', lastName: 'Dumont', login: 'chef.aubrac' },
    divisions: ['3e A', '3e B'],
    namedDivision: '3e A',
    named: {
      pupil: { firstName: 'Léa', lastName: 'Martin', login: 'eleve.aubrac' },
      representatives: [
        { firstName: 'Sophie', lastName: 'Martin', login: 'famille.aubrac.1' },
        { firstName: 'Julien', lastName: 'Martin', login: 'famille.aubrac.2' },
      ],
    },
  },
  {
    uai: '0990002B',
    name: 'Collège Jean Zay',
    kind: 'college',
    level: '3e',
    head: { firstName: 'Patrick', lastName: 'Lemoine', login: 'chef.zay' },
    divisions: ['3e A', '3e B'],
    namedDivision: '3e B',
    named: {
      pupil: { firstName: 'Hugo', lastName: 'Petit', login: 'eleve.zay' },
      representatives: [
        { firstName: 'Nadia', lastName: 'Petit', login: 'famille.zay.1' },
        { firstName: 'Karim', lastName: 'Petit', login: 'famille.zay.2' },
      ],
    },
  },
  {
    uai: '0990003C',
    name: 'Lycée Simone Veil',
    kind: 'lycee',
    level: '2de',
    head: { firstName: 'Isabelle', lastName: 'Garnier', login: 'chef.veil' },
    divisions: ['2de 1', '2de 2'],
    namedDivision: '2de 1',
    named: {
      pupil: { firstName: 'Inès', lastName: 'Bernard', login: 'eleve.veil' },
      representatives: [
        { firstName: 'Camille', lastName: 'Bernard', login: 'famille.veil.1' },
        { firstName: 'Thomas', lastName: 'Bernard', login: 'famille.veil.2' },
      ],
    },
  },
  {
    uai: '0990004D',
    name: 'Lycée Victor Hugo',
    kind: 'lycee',
    level: '2de',
    head: { firstName: 'François', lastName: 'Mercier', login: 'chef.hugo' },
    divisions: ['2de 3', '2de 4'],
    namedDivision: '2de 3',
    named: {
      pupil: { firstName: 'Nathan', lastName: 'Roux', login: 'eleve.hugo' },
      representatives: [
        { firstName: 'Élodie', lastName: 'Roux', login: 'famille.hugo.1' },
        { firstName: 'Mathieu', lastName: 'Roux', login: 'famille.hugo.2' },
      ],
    },
  },
  {
    // Not among the four schools of the brief: a lycée in its intentions window, so that the
    // 2de intentions (spécialités, séries) can be tried with the demo accounts.
    uai: '0990005E',
    name: 'Lycée Olympe de Gouges',
    kind: 'lycee',
    level: '2de',
    head: { firstName: 'Nora', lastName: 'Haddad', login: 'chef.gouges' },
    divisions: ['2de 5', '2de 6'],
    namedDivision: '2de 5',
    named: {
      pupil: { firstName: 'Zoé', lastName: 'Lefort', login: 'eleve.gouges' },
      representatives: [
        { firstName: 'Marion', lastName: 'Lefort', login: 'famille.gouges.1' },
        { firstName: 'Bruno', lastName: 'Lefort', login: 'famille.gouges.2' },
      ],
    },
  },
];

/**
 * A representative of the Collège Lucie Aubrac with no account yet, whose mobile number and child's
 * birth date the school holds: « Je n’ai pas de compte » activates her account (README).
 */
export const DEMO_SELF_ACTIVATION = {
  uai: '0990001A',
  division: '3e B',
  representative: { firstName: 'Maryse', lastName: 'Delcourt', phone: '06 12 34 56 78', email: 'maryse.delcourt@example.org' },
  pupil: { firstName: 'Théo', lastName: 'Delcourt', birthDate: '2012-05-14' },
} as const;

export const DEMO_ACADEMY_ADMIN = { firstName: 'Anne', lastName: 'Lefèvre', login: 'admin.academie' };

const FIRST_NAMES = [
  'Emma', 'Louise', 'Jade', 'Alice', 'Chloé', 'Lina', 'Mila', 'Rose', 'Anna', 'Ambre', 'Julia', 'Zoé', 'Léna', 'Manon',
  'Sarah', 'Nina', 'Lou', 'Agathe', 'Clara', 'Maëlys', 'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Jules', 'Adam',
  'Lucas', 'Maël', 'Noah', 'Sacha', 'Gabin', 'Tom', 'Ethan', 'Paul', 'Nolan', 'Yanis', 'Mohamed', 'Samuel', 'Timéo',
];
const LAST_NAMES = [
  'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel',
  'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Faure', 'André',
  'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Perrin', 'Robin', 'Clément',
  'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Lemaire',
  'N’Diaye', 'Benali', 'Nguyen', 'Da Silva', 'Traoré',
];
const ADULT_FIRST_NAMES = [
  'Nathalie', 'Stéphanie', 'Céline', 'Sandrine', 'Aurélie', 'Virginie', 'Émilie', 'Laetitia', 'Fatima', 'Mélanie',
  'Sébastien', 'Nicolas', 'Christophe', 'Olivier', 'Frédéric', 'David', 'Jérôme', 'Stéphane', 'Karim', 'Cédric',
];

/** A small deterministic generator (mulberry32), so every demo has the same families. */
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

function emailOf(firstName: string, lastName: string, suffix = ''): string {
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${ascii(firstName)}.${ascii(lastName)}${suffix}@example.org`;
}

/** The school year under way at `now`: 2026 for 2026–2027 (the year turns in August). */
export function schoolYearAt(now: Date): number {
  return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

export type SeedSummary = { schools: number; pupils: number; representatives: number; accounts: number; campaigns: number };

/**
 * Fills an empty database with the demo académie. Does nothing (returns null) when any school
 * already exists, so that it is safe at every start.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: { now: Date; pupilsPerDivision?: number; /** One hash for every account (tests); otherwise each gets its own salt. */ passwordHash?: string },
): Promise<SeedSummary | null> {
  const pupilsPerDivision = options.pupilsPerDivision ?? 25;
  const schoolYear = schoolYearAt(options.now);
  const random = randomGenerator(20260901);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const passwordHashes = new Map<string, string>();
  const logins = [
    DEMO_ACADEMY_ADMIN.login,
    ...DEMO_SCHOOLS.flatMap((school) => [school.head.login, school.named.pupil.login, ...school.named.representatives.map((r) => r.login)]),
  ];
  // Each account gets its own salt; hashing happens before the transaction so it stays short.
  for (const login of logins) passwordHashes.set(login, options.passwordHash ?? (await hashPassword(DEMO_PASSWORD)));
  const accountValues = (login: string) => ({ login, password_hash: passwordHashes.get(login)!, must_change_password: false });

  const summary = await db.transaction().execute(async (trx) => {
    const anySchool = await trx.selectFrom('school').select('id').limit(1).executeTakeFirst();
    if (anySchool) return null;
    const academy = await trx.selectFrom('academy').select('id').orderBy('id').executeTakeFirstOrThrow();
    const summary: SeedSummary = { schools: 0, pupils: 0, representatives: 0, accounts: 0, campaigns: 0 };

    const admin = await trx
      .insertInto('academy_admin')
      .values({ academy_id: academy.id, first_name: DEMO_ACADEMY_ADMIN.firstName, last_name: DEMO_ACADEMY_ADMIN.lastName, email: 'admin.academie@example.org' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_account').values({ ...accountValues(DEMO_ACADEMY_ADMIN.login), role: 'academy_admin', academy_admin_id: admin.id }).execute();
    summary.accounts++;

    for (const demo of DEMO_SCHOOLS) {
      const school = await trx
        .insertInto('school')
        .values({ academy_id: academy.id, uai: demo.uai, name: demo.name, kind: demo.kind })
        .returning('id')
        .executeTakeFirstOrThrow();
      summary.schools++;
      const head = await trx
        .insertInto('staff')
        .values({ school_id: school.id, role: 'head', first_name: demo.head.firstName, last_name: demo.head.lastName, email: `${demo.head.login}@example.org` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_account').values({ ...accountValues(demo.head.login), role: 'staff', staff_id: head.id }).execute();
      summary.accounts++;

      for (const divisionName of demo.divisions) {
        const division = await trx
          .insertInto('division')
          .values({ school_id: school.id, school_year: schoolYear, name: divisionName, level: demo.level })
          .returning('id')
          .executeTakeFirstOrThrow();

        const families: Array<{
          pupil: { firstName: string; lastName: string; login?: string; birthDate?: string };
          representatives: Array<{ firstName: string; lastName: string; login?: string; email: string | null; phone?: string }>;
        }> = [];
        if (divisionName === demo.namedDivision) {
          families.push({
            pupil: demo.named.pupil,
            representatives: demo.named.representatives.map((r, index) => ({ ...r, email: emailOf(r.firstName, r.lastName, `.${demo.uai.slice(-2).toLowerCase()}${index + 1}`) })),
          });
        }
        while (families.length < pupilsPerDivision) {
          const lastName = pick(LAST_NAMES);
          const roll = random();
          // About 80 % of pupils have two representatives; one representative in five has no e-mail.
          const representativeCount = roll < 0.8 ? 2 : 1;
          const representatives = Array.from({ length: representativeCount }, () => {
            const firstName = pick(ADULT_FIRST_NAMES);
            return { firstName, lastName, email: random() < 0.8 ? emailOf(firstName, lastName, `.${Math.floor(random() * 900 + 100)}`) : null };
          });
          families.push({ pupil: { firstName: pick(FIRST_NAMES), lastName }, representatives });
        }
        // The last generated family becomes the self-activation demo (drawn first, so that every other family stays the same).
        if (demo.uai === DEMO_SELF_ACTIVATION.uai && divisionName === DEMO_SELF_ACTIVATION.division) {
          const last = families[families.length - 1]!;
          families[families.length - 1] = {
            pupil: { ...DEMO_SELF_ACTIVATION.pupil },
            representatives: last.representatives.map((r, index) => (index === 0 ? { ...DEMO_SELF_ACTIVATION.representative } : { ...r, lastName: DEMO_SELF_ACTIVATION.pupil.lastName })),
          };
        }

        const pupils = await trx
          .insertInto('pupil')
          .values(
            families.map((family) => ({
              school_id: school.id,
              division_id: division.id,
              first_name: family.pupil.firstName,
              last_name: family.pupil.lastName,
              birth_date: family.pupil.birthDate ?? null,
            })),
          )
          .returning('id')
          .execute();
        summary.pupils += pupils.length;

        const representativeRows = families.flatMap((family) => family.representatives);
        const representatives = await trx
          .insertInto('representative')
          .values(representativeRows.map((r) => ({ first_name: r.firstName, last_name: r.lastName, email: r.email, phone: r.phone ?? null })))
          .returning('id')
          .execute();
        summary.representatives += representatives.length;

        let next = 0;
        const links: Array<{ pupil_id: number; representative_id: number; position: 1 | 2 }> = [];
        const accounts: Array<ReturnType<typeof accountValues> & { role: 'representative' | 'pupil'; representative_id?: number; pupil_id?: number }> = [];
        families.forEach((family, familyIndex) => {
          const pupilId = pupils[familyIndex]!.id;
          if (family.pupil.login) accounts.push({ ...accountValues(family.pupil.login), role: 'pupil', pupil_id: pupilId });
          family.representatives.forEach((representative, index) => {
            const representativeId = representatives[next++]!.id;
            links.push({ pupil_id: pupilId, representative_id: representativeId, position: (index + 1) as 1 | 2 });
            if (representative.login) accounts.push({ ...accountValues(representative.login), role: 'representative', representative_id: representativeId });
          });
        });
        await trx.insertInto('pupil_representative').values(links).execute();
        if (accounts.length > 0) await trx.insertInto('user_account').values(accounts).execute();
        summary.accounts += accounts.length;
      }
    }
    return summary;
  });
  if (!summary) return null;
  // Campaigns go through the procedure's own transitions, each in its own transaction.
  summary.campaigns = await seedDemoCampaigns(db, options.now);
  return summary;
}

// `tsx scripts/seed-demo.ts`: seeds the database named by the environment, as `npm start` would.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadConfig } = await import('../src/config.js');
  const { openDatabase } = await import('../src/db/database.js');
  const { migrateToLatest } = await import('../src/db/migrate.js');
  const { ensureAcademy } = await import('../src/db/academy.js');
  const config = loadConfig();
  if (config.env === 'production') {
    process.stderr.write('Les données de démonstration sont refusées quand NODE_ENV=production.\n');
    process.exit(1);
  }
  const database = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'embedded', dataDir: config.database.dataDir });
  try {
    await migrateToLatest(database.db);
    await ensureAcademy(database.db, { name: config.academyName, timeZone: config.timeZone });
    const summary = await seedDemo(database.db, { now: new Date() });
    process.stdout.write(summary ? `Démonstration créée : ${JSON.stringify(summary)}\n` : 'La base contient déjà des établissements : rien n’a été ajouté.\n');
  } finally {
    await database.close();
  }
}
