import { z } from 'zod';
import {
  LABORATORY_SPECIALTY_CODES,
  OCCUPATION_MAX_LENGTH,
  SPECIALTY_CODES,
  TECHNOLOGICAL_SERIES,
  TECHNOLOGICAL_TRACK_CODES,
  VOCATIONAL_DETAILS,
  VOCATIONAL_ROUTE_CODES,
  isOutsideSchool,
  isSpecialtyCode,
  isTrackCode,
  isTrackOfLevel,
  laboratorySpecialtyLabel,
  specialtyLabel,
  specialtyName,
  trackLabel,
  vocationalRouteLabel,
  type Level,
  type SpecialtyCode,
  type SpecialtyOffer,
  type TrackCode,
} from './catalogue.js';
import type { FieldError } from './field-error.js';

export const PHASES = ['provisional', 'final'] as const;
/** `provisional`: intentions (2e trimestre); `final`: choix définitifs (3e trimestre). */
export type Phase = (typeof PHASES)[number];

/** How many wishes a family may enter, per palier (same in both phases). */
export const WISH_LIMITS: Readonly<Record<Level, { readonly min: number; readonly max: number }>> = {
  '3e': { min: 1, max: 3 },
  '2de': { min: 1, max: 11 },
};

/** Spécialités of the 1re générale: 3 for the choix définitifs; 4 for the intentions, or 5 when one is taught outside the school. */
export const SPECIALTY_COUNTS = { final: 3, provisional: 4, provisionalWithOutsideSchool: 5 } as const;

const MESSAGES = {
  invalid: 'Valeur invalide.',
  track: 'Vous devez sélectionner une voie.',
  series: `Vous devez choisir une série parmi les ${TECHNOLOGICAL_SERIES.length} proposées.`,
  laboratorySpecialty: 'Vous devez remplir le champ « Spécialité » de la 1re STL.',
  vocationalRoute: 'Vous devez préciser : 1re professionnelle, 2de professionnelle ou 1re année de CAP.',
  occupationTooLong: `Le champ « ${VOCATIONAL_DETAILS.occupationLabel} » ne doit pas dépasser ${OCCUPATION_MAX_LENGTH} caractères.`,
  unknownSpecialty: "Cet enseignement de spécialité ne fait pas partie de la liste nationale.",
} as const;

const flag = z.boolean({ error: MESSAGES.invalid });
const technologicalWithoutDetails = TECHNOLOGICAL_TRACK_CODES.filter(
  (code): code is Exclude<(typeof TECHNOLOGICAL_TRACK_CODES)[number], '1T-STL'> => code !== '1T-STL',
);

/** The details of one wish, per voie. Parses a stored wish as well as a normalised form entry. */
export const wishDetailsSchema = z.discriminatedUnion(
  'track',
  [
    z.object({ track: z.literal('2GT') }),
    z.object({
      track: z.enum(['2PRO', 'CAP']),
      occupation: z
        .string({ error: MESSAGES.invalid })
        .trim()
        .refine((text) => [...text].length <= OCCUPATION_MAX_LENGTH, { error: MESSAGES.occupationTooLong })
        .transform((text) => (text === '' ? null : text))
        .nullable()
        .default(null),
      schoolStatus: flag.default(false),
      apprenticeStatus: flag.default(false),
    }),
    z.object({
      track: z.literal('1G'),
      specialties: z.array(z.enum(SPECIALTY_CODES, { error: MESSAGES.unknownSpecialty }), { error: MESSAGES.invalid }),
    }),
    z.object({ track: z.enum(technologicalWithoutDetails) }),
    z.object({
      track: z.literal('1T-STL'),
      laboratorySpecialty: z.enum(LABORATORY_SPECIALTY_CODES, { error: MESSAGES.laboratorySpecialty }),
    }),
    z.object({ track: z.literal('BTMM') }),
    z.object({
      track: z.literal('VPRO'),
      vocationalRoute: z.enum(VOCATIONAL_ROUTE_CODES, { error: MESSAGES.vocationalRoute }),
    }),
  ],
  { error: MESSAGES.track },
);

export type WishDetails = z.output<typeof wishDetailsSchema>;
/** One validated wish; rank 1 is the preferred one. */
export type Wish = WishDetails & { readonly rank: number };

declare const validatedWishList: unique symbol;
/** A list of wishes that passed `validateWishes` for this palier and phase (the only way to build one). */
export interface WishList {
  readonly level: Level;
  readonly phase: Phase;
  /** Sorted by rank, ranks 1..n. */
  readonly wishes: readonly Wish[];
  readonly [validatedWishList]: true;
}

export interface WishValidationContext {
  readonly level: Level;
  readonly phase: Phase;
  /** The school's spécialités, to tell which ones are « hors établissement ». */
  readonly offer: SpecialtyOffer;
}

export type WishValidation = { readonly ok: true; readonly list: WishList } | { readonly ok: false; readonly errors: FieldError[] };

function wishWords(phase: Phase): { readonly one: string; readonly many: string } {
  return phase === 'provisional'
    ? { one: 'intention', many: 'intentions' }
    : { one: 'choix définitif', many: 'choix définitifs' };
}

const blankToUndefined = (value: unknown): unknown =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

function readRank(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

function readSpecialties(value: unknown): unknown[] {
  const raw = blankToUndefined(value);
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((item) => blankToUndefined(item) !== undefined);
}

/** Resolves the voie of a form entry: a track code, or « 1T » with a série. */
function readTrack(
  entry: Record<string, unknown>,
  level: Level,
): { readonly track: TrackCode } | { readonly error: FieldError & { readonly field: 'track' | 'series' } } {
  const track = blankToUndefined(entry.track);
  if (track === '1T') {
    const series = blankToUndefined(entry.series);
    const code = `1T-${typeof series === 'string' ? series.trim() : ''}`;
    if (!isTrackCode(code)) return { error: { field: 'series', message: MESSAGES.series } };
    return isTrackOfLevel(code, level) ? { track: code } : { error: { field: 'track', message: levelMessage(level) } };
  }
  if (!isTrackCode(track)) return { error: { field: 'track', message: MESSAGES.track } };
  if (!isTrackOfLevel(track, level)) return { error: { field: 'track', message: levelMessage(level) } };
  return { track };
}

const levelMessage = (level: Level): string => `Cette voie n'est pas proposée en fin de ${level}.`;

/** The rules on the spécialités of a 1re générale; `count` includes entries that are not in the national list. */
function specialtyErrors(
  specialties: readonly SpecialtyCode[],
  count: number,
  phase: Phase,
  offer: SpecialtyOffer,
): string[] {
  const messages: string[] = [];
  const seen = new Set<SpecialtyCode>();
  for (const code of specialties) {
    if (seen.has(code)) messages.push(`Vous avez choisi plusieurs fois « ${specialtyName(code)} ».`);
    seen.add(code);
  }
  if (phase === 'final') {
    if (count !== SPECIALTY_COUNTS.final) {
      messages.push(`Vous devez choisir ${SPECIALTY_COUNTS.final} enseignements de spécialité.`);
    }
  } else if (count < SPECIALTY_COUNTS.provisional || count > SPECIALTY_COUNTS.provisionalWithOutsideSchool) {
    messages.push(
      `Vous devez choisir ${SPECIALTY_COUNTS.provisional} enseignements de spécialité, ou ${SPECIALTY_COUNTS.provisionalWithOutsideSchool} si l'un d'eux est hors établissement.`,
    );
  } else if (
    count === SPECIALTY_COUNTS.provisionalWithOutsideSchool &&
    !specialties.some((code) => isOutsideSchool(code, offer))
  ) {
    messages.push(
      `Vous ne pouvez choisir ${SPECIALTY_COUNTS.provisionalWithOutsideSchool} enseignements de spécialité que si l'un d'eux est hors établissement.`,
    );
  }
  return messages;
}

/**
 * Validates the whole list of wishes a family submits for one phase. `input`
 * is the list as posted: each entry has `rank`, `track` (a track code, or `1T`
 * with `series`) and the details of its voie; blank strings count as missing and
 * details of other voies are dropped. Returns every error, with field paths
 * `wishes` or `wishes.<index>.<field>` (index in the submitted list, from 0).
 */
export function validateWishes(input: unknown, context: WishValidationContext): WishValidation {
  const { level, phase, offer } = context;
  const words = wishWords(phase);
  const limits = WISH_LIMITS[level];
  const errors: FieldError[] = [];
  const at = (index: number, field: string, message: string): void => {
    errors.push({ field: `wishes.${index}.${field}`, message });
  };

  const entries = input === undefined || input === null ? [] : input;
  if (!Array.isArray(entries)) return { ok: false, errors: [{ field: 'wishes', message: MESSAGES.invalid }] };
  if (entries.length < limits.min) {
    return { ok: false, errors: [{ field: 'wishes', message: `Vous devez saisir au moins ${limits.min} ${words.one}.` }] };
  }
  if (entries.length > limits.max) {
    errors.push({ field: 'wishes', message: `Vous ne pouvez pas saisir plus de ${limits.max} ${words.many}.` });
  }

  const wishes: Wish[] = [];
  const usedRanks = new Set<number>();
  const usedTracks = new Set<TrackCode>();
  entries.forEach((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ field: `wishes.${index}`, message: MESSAGES.invalid });
      return;
    }
    const entry = raw as Record<string, unknown>;

    const rank = readRank(entry.rank);
    if (rank === null || rank < 1 || rank > entries.length) {
      at(index, 'rank', `Le rang doit être un nombre entier de 1 à ${entries.length}.`);
    } else if (usedRanks.has(rank)) {
      at(index, 'rank', `Le rang ${rank} est déjà attribué.`);
    } else {
      usedRanks.add(rank);
    }

    const resolved = readTrack(entry, level);
    if ('error' in resolved) {
      at(index, resolved.error.field, resolved.error.message);
      return;
    }
    if (usedTracks.has(resolved.track)) {
      at(index, 'track', `Vous avez déjà choisi « ${trackLabel(resolved.track)} ».`);
    } else {
      usedTracks.add(resolved.track);
    }

    const specialties = readSpecialties(entry.specialties);
    const parsed = wishDetailsSchema.safeParse({
      track: resolved.track,
      occupation: blankToUndefined(entry.occupation),
      schoolStatus: entry.schoolStatus,
      apprenticeStatus: entry.apprenticeStatus,
      specialties,
      laboratorySpecialty: blankToUndefined(entry.laboratorySpecialty),
      vocationalRoute: blankToUndefined(entry.vocationalRoute),
    });
    if (!parsed.success) {
      const reported = new Set<string>();
      for (const issue of parsed.error.issues) {
        // One message per field: every bad spécialité is reported on the list.
        const field = String(issue.path[0] ?? 'track');
        const key = `${field}\u0000${issue.message}`;
        if (!reported.has(key)) at(index, field, issue.message);
        reported.add(key);
      }
    }
    if (resolved.track === '1G') {
      const known = specialties.filter(isSpecialtyCode);
      for (const message of specialtyErrors(known, specialties.length, phase, offer)) at(index, 'specialties', message);
    }
    if (parsed.success && rank !== null) wishes.push({ ...parsed.data, rank });
  });

  if (errors.length > 0) return { ok: false, errors };
  wishes.sort((a, b) => a.rank - b.rank);
  return { ok: true, list: { level, phase, wishes } as unknown as WishList };
}

// ——— Récapitulatif ———

export interface WishSummary {
  /** « 1re générale », « 1re technologique : 1re STL »… */
  readonly title: string;
  /** One line per detail, in the order of the récapitulatif. */
  readonly lines: readonly string[];
}

/** The récapitulatif of one wish, as shown after validation and in the e-mails. */
export function summarizeWish(wish: WishDetails, offer: SpecialtyOffer): WishSummary {
  const title = trackLabel(wish.track);
  switch (wish.track) {
    case '2PRO':
    case 'CAP': {
      const lines: string[] = [];
      if (wish.occupation) lines.push(`${VOCATIONAL_DETAILS.occupationLabel} : ${wish.occupation}`);
      if (wish.schoolStatus) lines.push(VOCATIONAL_DETAILS.schoolStatus.label);
      if (wish.apprenticeStatus) lines.push(VOCATIONAL_DETAILS.apprenticeStatus.label);
      return { title, lines };
    }
    case '1G':
      return {
        title,
        lines: [
          `Enseignements de spécialité choisis : ${wish.specialties.map((code) => specialtyLabel(code, offer)).join(', ')}`,
        ],
      };
    case '1T-STL':
      return { title, lines: [`Spécialité : ${laboratorySpecialtyLabel(wish.laboratorySpecialty)}`] };
    case 'VPRO':
      return { title, lines: [vocationalRouteLabel(wish.vocationalRoute)] };
    default:
      return { title, lines: [] };
  }
}

/** The récapitulatif on one line: « 2de professionnelle — Métier ou formation : Ébéniste — Sous statut scolaire ». */
export function wishSummaryText(wish: WishDetails, offer: SpecialtyOffer): string {
  const { title, lines } = summarizeWish(wish, offer);
  return [title, ...lines].join(' — ');
}
