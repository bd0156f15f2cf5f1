import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { Actor } from '../src/domain/actor.js';
import { validateCalendar, type Campaign, type CampaignWindows } from '../src/domain/calendar.js';
import type { TrackCode } from '../src/domain/catalogue.js';
import {
  acknowledgeOpinions,
  answerProposals,
  closeChoices,
  closeIntentions,
  giveAccord,
  publishOpinions,
  publishProposals,
  recordOpinions,
  recordProposals,
  validateChoices,
  validateIntentions,
  type CouncilOpinions,
  type CouncilProposals,
  type FamilyResponse,
  type PupilFile,
  type TransitionName,
  type TransitionResult,
} from '../src/domain/file.js';
import { validateWishes, type Phase } from '../src/domain/wishes.js';
import type { HistoryActor } from '../src/history/history.js';
import { applyTransition } from '../src/pupil-file/apply.js';
import { loadPupilFile } from '../src/pupil-file/load.js';

// Each demo school's campaign is placed around the moment the seed runs, at its own phase, so
// that the demo works any day of the year:
// - Collège Lucie Aubrac: intentions window open;
// - Collège Jean Zay: avis published for 3e B, choix définitifs open; Hugo Petit's intentions
//   validated by famille.zay.1, avis not yet acknowledged;
// - Lycée Simone Veil: choix définitifs open; Inès Bernard's avis acknowledged;
// - Lycée Victor Hugo: proposals published for 2de 3, response window open; Nathan Roux: three
//   choices, council « Oui » on the second, « Non » on the others, one voie proposed unasked;
// - Lycée Olympe de Gouges: intentions window open, for the 2de intentions.
// Every state is reached through the procedure's own transitions, so the history is real.

const DAY = 24 * 60 * 60 * 1000;

type Offsets = {
  intentions: [number, number];
  provisionalCouncil: number;
  acknowledgement: [number, number];
  choices: [number, number];
  finalCouncil: number;
  response: [number, number];
};

type SchoolPlan = {
  uai: string;
  offsets: Offsets;
  specialties: string[];
  message: string;
};

export const DEMO_CAMPAIGN_PLANS: Record<string, SchoolPlan> = {
  aubrac: {
    uai: '0990001A',
    offsets: { intentions: [-7, 14], provisionalCouncil: 16, acknowledgement: [25, 40], choices: [25, 40], finalCouncil: 42, response: [48, 55] },
    specialties: [],
    message: 'Les professeurs principaux de 3e reçoivent les familles qui le souhaitent pendant toute la saisie des intentions.',
  },
  zay: {
    uai: '0990002B',
    offsets: { intentions: [-40, -20], provisionalCouncil: -18, acknowledgement: [-15, 10], choices: [-5, 10], finalCouncil: 12, response: [15, 25] },
    specialties: [],
    message: 'Les avis du conseil de classe de 3e B sont publiés. Ceux de 3e A le seront après le conseil reporté.',
  },
  veil: {
    uai: '0990003C',
    offsets: { intentions: [-60, -40], provisionalCouncil: -38, acknowledgement: [-35, 10], choices: [-10, 10], finalCouncil: 12, response: [15, 25] },
    specialties: ['MATHS', 'PC', 'SVT', 'SES', 'HGGSP', 'HLP', 'LLCER-ANG', 'NSI'],
    message: 'Pour toute question sur les enseignements de spécialité, prenez rendez-vous avec la psychologue de l’Éducation nationale.',
  },
  hugo: {
    uai: '0990004D',
    offsets: { intentions: [-90, -70], provisionalCouncil: -68, acknowledgement: [-65, -40], choices: [-50, -25], finalCouncil: -22, response: [-3, 7] },
    specialties: ['MATHS', 'PC', 'SVT', 'SES', 'HGGSP', 'LLCER-ANG', 'LLCER-ESP', 'ARTS-AP', 'SI'],
    message: 'Les propositions du conseil de classe de 2de 3 sont publiées : répondez avant la date de fermeture.',
  },
  gouges: {
    uai: '0990005E',
    offsets: { intentions: [-5, 16], provisionalCouncil: 18, acknowledgement: [25, 40], choices: [25, 40], finalCouncil: 42, response: [48, 55] },
    specialties: ['MATHS', 'PC', 'SVT', 'SES', 'HGGSP', 'HLP', 'LLCER-ANG', 'LLCER-ALL', 'NSI', 'ARTS-THE'],
    message: 'La saisie des intentions est ouverte : les professeurs principaux de 2de vous accompagnent dans le choix des enseignements de spécialité.',
  },
};

/** Wish lists the generated families choose from, per palier and phase. */
const WISH_CHOICES = {
  '3e': [
    [{ track: '2GT' }],
    [{ track: '2GT' }, { track: '2PRO', occupation: 'Électricien', schoolStatus: true, apprenticeStatus: false }],
    [{ track: '2PRO', occupation: 'Cuisinier', schoolStatus: true, apprenticeStatus: true }, { track: 'CAP', occupation: 'Pâtissier', schoolStatus: false, apprenticeStatus: true }],
    [{ track: 'CAP', occupation: 'Coiffure', schoolStatus: true, apprenticeStatus: false }],
  ],
  '2de': [
    [{ track: '1G', specialties: ['MATHS', 'PC', 'SVT', 'NSI'] }],
    [{ track: '1G', specialties: ['SES', 'HGGSP', 'LLCER-ANG', 'MATHS'] }, { track: '1T-STMG' }],
    [{ track: '1T-STL', laboratorySpecialty: 'SPCL' }, { track: '1T-STI2D' }],
    [{ track: '1T-ST2S' }, { track: 'VPRO', vocationalRoute: '1PRO' }],
  ],
} as const;

type RawWish = Record<string, unknown> & { track: string };

/** Three spécialités for the choix définitifs: the first three of the four intentions. */
function finalVersion(wishes: readonly RawWish[]): RawWish[] {
  return wishes.map((wish) => (wish.track === '1G' ? { ...wish, specialties: (wish.specialties as string[]).slice(0, 3) } : wish));
}

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type PupilRow = { id: number; first_name: string; last_name: string; division_id: number; division_name: string };
type Person = { actor: Actor; history: HistoryActor };

export async function seedDemoCampaigns(db: Kysely<Database>, now: Date): Promise<number> {
  const academy = await db.selectFrom('academy').select('time_zone').executeTakeFirstOrThrow();
  const at = (days: number, hours = 0) => new Date(now.getTime() + days * DAY + hours * 60 * 60 * 1000);
  const service: Person = { actor: { kind: 'service' }, history: { kind: 'service', accountId: null, name: 'Le service', role: 'procédure automatique' } };
  let created = 0;

  for (const [key, plan] of Object.entries(DEMO_CAMPAIGN_PLANS)) {
    const school = await db.selectFrom('school').select(['id']).where('uai', '=', plan.uai).executeTakeFirst();
    if (!school) continue;
    const existing = await db.selectFrom('campaign').select('id').where('school_id', '=', school.id).executeTakeFirst();
    if (existing) continue;
    const divisions = await db.selectFrom('division').select(['id', 'name', 'level', 'school_year']).where('school_id', '=', school.id).orderBy('name').execute();
    const first = divisions[0];
    if (!first) continue;
    const level = first.level;
    const o = plan.offsets;

    const windows: CampaignWindows = {
      intentions: { opensAt: at(o.intentions[0]), closesAt: at(o.intentions[1]) },
      acknowledgement: { opensAt: at(o.acknowledgement[0]), closesAt: at(o.acknowledgement[1]) },
      choices: { opensAt: at(o.choices[0]), closesAt: at(o.choices[1]) },
      response: { opensAt: at(o.response[0]), closesAt: at(o.response[1]) },
    };
    const calendar: Campaign = {
      schoolId: school.id,
      level,
      schoolYear: first.school_year,
      timeZone: academy.time_zone,
      windows,
      councils: divisions.map((division) => ({ divisionId: division.id, provisional: at(o.provisionalCouncil, 8), final: at(o.finalCouncil, 8) })),
      settings: { secondRepresentative: 'presumed', pupilAccess: true, termWording: 'trimestre' },
    };
    const problems = validateCalendar(calendar);
    if (problems.length > 0) throw new Error(`Calendrier de démonstration invalide (${key}) : ${problems.map((p) => p.message).join(' ')}`);

    const campaign = await db
      .insertInto('campaign')
      .values({
        school_id: school.id,
        level,
        school_year: first.school_year,
        intentions_opens_at: windows.intentions.opensAt!,
        intentions_closes_at: windows.intentions.closesAt!,
        acknowledgement_opens_at: windows.acknowledgement.opensAt!,
        acknowledgement_closes_at: windows.acknowledgement.closesAt!,
        choices_opens_at: windows.choices.opensAt!,
        choices_closes_at: windows.choices.closesAt!,
        response_opens_at: windows.response.opensAt!,
        response_closes_at: windows.response.closesAt!,
        school_message: plan.message,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    created++;
    await db
      .insertInto('council_date')
      .values(calendar.councils.map((council) => ({ campaign_id: campaign.id, division_id: council.divisionId, provisional_at: council.provisional, final_at: council.final })))
      .execute();
    if (plan.specialties.length > 0) {
      await db.insertInto('school_specialty').values(plan.specialties.map((code) => ({ school_id: school.id, specialty_code: code }))).execute();
    }

    const head = await db
      .selectFrom('staff')
      .leftJoin('user_account', 'user_account.staff_id', 'staff.id')
      .select(['staff.id', 'staff.first_name', 'staff.last_name', 'user_account.id as account_id'])
      .where('staff.school_id', '=', school.id)
      .where('staff.role', '=', 'head')
      .executeTakeFirstOrThrow();
    const headPerson: Person = {
      actor: { kind: 'staff', staffId: head.id, schoolId: school.id, role: 'head' },
      history: { kind: 'staff', accountId: head.account_id, name: `${head.first_name} ${head.last_name}`, role: 'chef d’établissement' },
    };

    const pupils: PupilRow[] = await db
      .selectFrom('pupil')
      .innerJoin('division', 'division.id', 'pupil.division_id')
      .select(['pupil.id', 'pupil.first_name', 'pupil.last_name', 'pupil.division_id', 'division.name as division_name'])
      .where('pupil.school_id', '=', school.id)
      .orderBy('pupil.id')
      .execute();

    const dice = random(school.id * 7919);
    const step = async (pupilId: number, name: TransitionName, person: Person, instant: Date, transition: (file: PupilFile, actor: Actor, at: Date) => TransitionResult) => {
      const result = await applyTransition(db, { pupilId, name, actor: person.history, at: instant, transition: (file) => transition(file, person.actor, instant) });
      if (!result.ok) throw new Error(`Démonstration : ${name} refusé pour l’élève ${pupilId} : ${result.reason}`);
    };
    const representative = async (pupilId: number, position: 1 | 2): Promise<Person | null> => {
      const row = await db
        .selectFrom('pupil_representative as pr')
        .innerJoin('representative as r', 'r.id', 'pr.representative_id')
        .leftJoin('user_account as a', 'a.representative_id', 'r.id')
        .select(['r.id', 'r.first_name', 'r.last_name', 'a.id as account_id'])
        .where('pr.pupil_id', '=', pupilId)
        .where('pr.position', '=', position)
        .executeTakeFirst();
      return row
        ? {
            actor: { kind: 'representative', representativeId: row.id },
            history: { kind: 'representative', accountId: row.account_id, name: `${row.first_name} ${row.last_name}`, role: 'représentant légal' },
          }
        : null;
    };
    const offer = new Set(plan.specialties);
    const wishList = (raw: readonly RawWish[], phase: Phase) => {
      const result = validateWishes(raw.map((wish, index) => ({ ...wish, rank: index + 1 })), { level, phase, offer });
      if (!result.ok) throw new Error(`Vœux de démonstration invalides : ${result.errors.map((e) => e.message).join(' ')}`);
      return result.list;
    };
    const isNamed = (pupil: PupilRow) => NAMED_PUPILS[key]?.firstName === pupil.first_name && NAMED_PUPILS[key]?.lastName === pupil.last_name;
    const wishesFor = (pupil: PupilRow): readonly RawWish[] =>
      isNamed(pupil) && NAMED_PUPILS[key]?.intentions ? NAMED_PUPILS[key]!.intentions! : (WISH_CHOICES[level][pupil.id % WISH_CHOICES[level].length] as readonly RawWish[]);

    const stage = STAGE_PLANS[key]!;
    for (const pupil of pupils) {
      const named = isNamed(pupil);
      const plan = stage(pupil.division_name, named, dice);
      const rep1 = await representative(pupil.id, 1);
      if (!rep1) continue;
      const intentions = wishesFor(pupil);

      if (plan.intentions) {
        await step(pupil.id, 'validateIntentions', rep1, at(o.intentions[0] + 2, dice() * 48), (f, a, t) => validateIntentions(f, a, t, wishList(intentions, 'provisional')));
      }
      if (!plan.closeIntentions) continue;
      await step(pupil.id, 'closeIntentions', service, at(o.intentions[1]), closeIntentions);
      const file = (await loadPupilFile(db, pupil.id))!.file;
      const opinions: CouncilOpinions = {
        byRank: file.provisional.wishes.map((wish) => ({ rank: wish.rank, opinion: wish.rank === 1 && dice() < 0.2 ? 'reserved' : 'favorable' })),
        recommendation: file.provisional.wishes.length === 0 ? (level === '3e' ? '2GT' : '1G') : null,
        motivations: file.provisional.wishes.length === 0 ? 'Aucune intention n’a été saisie : le conseil de classe recommande une voie.' : 'Élève sérieux et impliqué. Le projet est cohérent avec les résultats.',
      };
      await step(pupil.id, 'recordOpinions', headPerson, at(o.provisionalCouncil, 10), (f, a, t) => recordOpinions(f, a, t, opinions));
      if (!plan.publishOpinions) continue;
      await publish(db, campaign.id, pupil.division_id, 'provisional', head.id, at(o.acknowledgement[0]));
      await step(pupil.id, 'publishOpinions', headPerson, at(o.acknowledgement[0]), publishOpinions);
      if (plan.acknowledge) await step(pupil.id, 'acknowledgeOpinions', rep1, at(o.acknowledgement[0] + 1, dice() * 24), acknowledgeOpinions);
      if (plan.choices) {
        const finals = named && NAMED_PUPILS[key]?.choices ? NAMED_PUPILS[key]!.choices! : finalVersion(intentions);
        await step(pupil.id, 'validateChoices', rep1, at(o.choices[0] + 1, dice() * 24), (f, a, t) => validateChoices(f, a, t, wishList(finals, 'final')));
      }
      if (!plan.closeChoices) continue;
      await step(pupil.id, 'closeChoices', service, at(o.choices[1]), closeChoices);
      const afterClose = (await loadPupilFile(db, pupil.id))!.file;
      const proposals: CouncilProposals =
        named && NAMED_PUPILS[key]?.proposals
          ? NAMED_PUPILS[key]!.proposals!
          : {
              byRank: afterClose.final.wishes.map((wish) => ({ rank: wish.rank, answer: wish.track === 'VPRO' ? 'favorable' : wish.rank === 1 ? 'yes' : 'no' })),
              proposedTracks: afterClose.final.wishes.length === 0 ? ['1G'] : [],
              motivations: 'Avis conforme aux résultats de l’année.',
            };
      await step(pupil.id, 'recordProposals', headPerson, at(o.finalCouncil, 10), (f, a, t) => recordProposals(f, a, t, proposals));
      if (!plan.publishProposals) continue;
      await publish(db, campaign.id, pupil.division_id, 'final', head.id, at(o.response[0]));
      await step(pupil.id, 'publishProposals', headPerson, at(o.response[0]), publishProposals);
      if (plan.answer && afterClose.final.wishes.length > 0) {
        const yes = proposals.byRank.filter((p) => p.answer === 'yes').map((p) => afterClose.final.wishes.find((w) => w.rank === p.rank)!.track as TrackCode);
        const response: FamilyResponse = plan.answer === 'refuse' || yes.length === 0 ? { kind: 'refused' } : { kind: 'accepted', tracks: yes.slice(0, 1) };
        await step(pupil.id, 'answerProposals', rep1, at(o.response[0] + 1, dice() * 24), (f, a, t) => answerProposals(f, a, t, response));
        const rep2 = await representative(pupil.id, 2);
        const answered = (await loadPupilFile(db, pupil.id))!.file;
        if (plan.accord && rep2 && answered.final.accord === 'pending') {
          await step(pupil.id, 'giveAccord', rep2, at(o.response[0] + 2, dice() * 24), giveAccord);
        }
      }
    }
  }
  return created;
}

async function publish(db: Kysely<Database>, campaignId: number, divisionId: number, phase: Phase, staffId: number, instant: Date) {
  await db
    .insertInto('publication')
    .values({ campaign_id: campaignId, division_id: divisionId, phase, published_at: instant, published_by_staff_id: staffId })
    .onConflict((conflict) => conflict.columns(['campaign_id', 'division_id', 'phase']).doNothing())
    .execute();
}

type PupilPlan = {
  intentions: boolean;
  closeIntentions?: boolean;
  publishOpinions?: boolean;
  acknowledge?: boolean;
  choices?: boolean;
  closeChoices?: boolean;
  publishProposals?: boolean;
  answer?: 'accept' | 'refuse' | null;
  accord?: boolean;
};

/** How far each pupil's file goes, per school: the named pupil exactly as the README says, the others a realistic mix. */
const STAGE_PLANS: Record<string, (division: string, named: boolean, dice: () => number) => PupilPlan> = {
  aubrac: (_division, named, dice) => ({ intentions: !named && dice() < 0.4 }),
  gouges: (_division, named, dice) => ({ intentions: !named && dice() < 0.3 }),
  zay: (division, named, dice) => {
    const acknowledged = division === '3e B' && !named && dice() < 0.5;
    return {
      intentions: named || dice() < 0.85,
      closeIntentions: true,
      publishOpinions: division === '3e B',
      acknowledge: acknowledged,
      choices: acknowledged && dice() < 0.5,
    };
  },
  veil: (_division, named, dice) => {
    const acknowledged = named || dice() < 0.7;
    return { intentions: true, closeIntentions: true, publishOpinions: true, acknowledge: acknowledged, choices: !named && acknowledged && dice() < 0.4 };
  },
  hugo: (division, named, dice) => {
    const roll = dice();
    return {
      intentions: true,
      closeIntentions: true,
      publishOpinions: true,
      acknowledge: named || roll < 0.95,
      choices: named || roll < 0.95,
      closeChoices: true,
      publishProposals: division === '2de 3',
      answer: named ? null : roll < 0.35 ? 'accept' : roll < 0.45 ? 'refuse' : null,
      accord: roll < 0.2,
    };
  },
};

const NAMED_PUPILS: Record<string, { firstName: string; lastName: string; intentions?: RawWish[]; choices?: RawWish[]; proposals?: CouncilProposals }> = {
  aubrac: { firstName: 'Léa', lastName: 'Martin' },
  gouges: { firstName: 'Zoé', lastName: 'Lefort' },
  zay: { firstName: 'Hugo', lastName: 'Petit', intentions: [{ track: '2GT' }, { track: '2PRO', occupation: 'Technicien en maintenance', schoolStatus: true, apprenticeStatus: false }] },
  veil: { firstName: 'Inès', lastName: 'Bernard', intentions: [{ track: '1G', specialties: ['MATHS', 'PC', 'SES', 'ARTS-CAV', 'SVT'] }, { track: '1T-STL', laboratorySpecialty: 'SPCL' }] },
  hugo: {
    firstName: 'Nathan',
    lastName: 'Roux',
    intentions: [{ track: '1G', specialties: ['MATHS', 'PC', 'SES', 'HGGSP'] }, { track: '1T-STMG' }, { track: '1T-ST2S' }],
    choices: [{ track: '1G', specialties: ['MATHS', 'PC', 'SES'] }, { track: '1T-STMG' }, { track: '1T-ST2S' }],
    proposals: {
      byRank: [
        { rank: 1, answer: 'no' },
        { rank: 2, answer: 'yes' },
        { rank: 3, answer: 'no' },
      ],
      proposedTracks: ['1T-STI2D'],
      motivations: 'Les résultats en mathématiques et en physique-chimie ne permettent pas d’envisager sereinement la 1re générale avec ces spécialités. Le conseil de classe propose aussi la 1re STI2D.',
    },
  },
};
