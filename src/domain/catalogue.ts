/**
 * Every voie, série and enseignement de spécialité a family may ask for, with
 * the exact French labels of the service. Views and e-mails read labels here.
 */

export const LEVELS = ['3e', '2de'] as const;
/** Palier: end of 3e (collège) or end of 2de (seconde GT / STHR). */
export type Level = (typeof LEVELS)[number];

export const TECHNOLOGICAL_SERIES = ['STAV', 'STD2A', 'STHR', 'STI2D', 'STL', 'STMG', 'ST2S', 'S2TMD'] as const;
export type TechnologicalSeries = (typeof TECHNOLOGICAL_SERIES)[number];
export type TechnologicalTrackCode = `1T-${TechnologicalSeries}`;

export const TRACK_CODES_3E = ['2GT', '2PRO', 'CAP'] as const;
export const TECHNOLOGICAL_TRACK_CODES = TECHNOLOGICAL_SERIES.map(
  (series) => `1T-${series}` as const,
) as readonly TechnologicalTrackCode[];
export const TRACK_CODES_2DE = ['1G', ...TECHNOLOGICAL_TRACK_CODES, 'BTMM', 'VPRO'] as const;
export const TRACK_CODES = [...TRACK_CODES_3E, ...TRACK_CODES_2DE] as const;

export type Track3eCode = (typeof TRACK_CODES_3E)[number];
export type Track2deCode = '1G' | TechnologicalTrackCode | 'BTMM' | 'VPRO';
/** A voie d'orientation (or a série of the voie technologique), as stored. */
export type TrackCode = Track3eCode | Track2deCode;

/** Which extra details the family gives with a wish for this voie. */
export type TrackDetails =
  | 'none'
  | 'vocational' // métier ou formation, statut scolaire / d'apprenti
  | 'specialties' // enseignements de spécialité of the 1re générale
  | 'laboratorySpecialty' // spécialité of the 1re STL
  | 'vocationalRoute'; // which access to the voie professionnelle

export interface TrackDefinition {
  readonly code: TrackCode;
  readonly level: Level;
  /** The label of the voie, as in the récapitulatif. */
  readonly label: string;
  /** For a série: its option label in the list of séries (« 1re STL »). */
  readonly seriesLabel: string | null;
  readonly help: string | null;
  readonly details: TrackDetails;
}

/** « 1re technologique », the option that opens the list of séries. */
export const TECHNOLOGICAL_TRACK_LABEL = '1re technologique';

const SERIES_TITLES: Readonly<Record<TechnologicalSeries, string>> = {
  STAV: "Sciences et technologies de l'agronomie et du vivant",
  STD2A: 'Sciences et technologies du design et des arts appliqués',
  STHR: "Sciences et technologies de l'hôtellerie et de la restauration",
  STI2D: "Sciences et technologies de l'industrie et du développement durable",
  STL: 'Sciences et technologies de laboratoire',
  STMG: 'Sciences et technologies du management et de la gestion',
  ST2S: 'Sciences et technologies de la santé et du social',
  S2TMD: 'Sciences et techniques du théâtre, de la musique et de la danse',
};

export const TRACKS: readonly TrackDefinition[] = [
  {
    code: '2GT',
    level: '3e',
    label: '2de générale et technologique ou 2de STHR',
    seriesLabel: null,
    help: "STHR : Sciences et Technologies de l'Hôtellerie et de la Restauration",
    details: 'none',
  },
  { code: '2PRO', level: '3e', label: '2de professionnelle', seriesLabel: null, help: null, details: 'vocational' },
  { code: 'CAP', level: '3e', label: '1re année de CAP', seriesLabel: null, help: null, details: 'vocational' },
  { code: '1G', level: '2de', label: '1re générale', seriesLabel: null, help: null, details: 'specialties' },
  ...TECHNOLOGICAL_SERIES.map(
    (series): TrackDefinition => ({
      code: `1T-${series}`,
      level: '2de',
      label: `${TECHNOLOGICAL_TRACK_LABEL} : 1re ${series}`,
      seriesLabel: `1re ${series}`,
      help: SERIES_TITLES[series],
      details: series === 'STL' ? 'laboratorySpecialty' : 'none',
    }),
  ),
  {
    code: 'BTMM',
    level: '2de',
    label: '1re préparant au brevet de technicien « métiers de la musique »',
    seriesLabel: null,
    help: null,
    details: 'none',
  },
  {
    code: 'VPRO',
    level: '2de',
    label: 'Autre parcours : un accès à la voie professionnelle',
    seriesLabel: null,
    help: null,
    details: 'vocationalRoute',
  },
];

const TRACKS_BY_CODE: ReadonlyMap<string, TrackDefinition> = new Map(TRACKS.map((track) => [track.code, track]));

export function isTrackCode(value: unknown): value is TrackCode {
  return typeof value === 'string' && TRACKS_BY_CODE.has(value);
}

export function trackDefinition(code: TrackCode): TrackDefinition {
  const track = TRACKS_BY_CODE.get(code);
  if (!track) throw new RangeError(`Unknown track code: ${code}`);
  return track;
}

export function trackLabel(code: TrackCode): string {
  return trackDefinition(code).label;
}

export function tracksForLevel(level: Level): readonly TrackDefinition[] {
  return TRACKS.filter((track) => track.level === level);
}

export function isTrackOfLevel(code: TrackCode, level: Level): boolean {
  return trackDefinition(code).level === level;
}

// ——— Voie professionnelle after the 3e: métier and statut ———

export const OCCUPATION_MAX_LENGTH = 200;

export const VOCATIONAL_DETAILS = {
  occupationLabel: 'Métier ou formation',
  occupationHint: 'Vous pouvez préciser le métier ou la formation qui intéresse votre enfant :',
  occupationHelp:
    "En cochant 2de professionnelle ou 1re année de CAP, vous pouvez indiquer le métier ou la formation qui intéresse votre enfant. Il s'agit d'un champ libre dans lequel vous pouvez noter ce que votre enfant souhaite. Cela permet à l'établissement d'avoir des précisions sur son projet d'orientation.",
  occupationInformation:
    "Vous trouverez des informations sur les métiers et les formations sur le site de l'Onisep (http://www.onisep.fr), et dans le guide « Après la 3e » distribué par votre établissement.",
  statusHint: "Vous pouvez cocher le statut envisagé pour la formation professionnelle (statut scolaire/statut d'apprenti)",
  schoolStatus: {
    label: 'Sous statut scolaire',
    explanation:
      'statut scolaire : votre enfant reste élève ; il suit des enseignements généraux et professionnels au lycée professionnel ; il effectue des périodes de formation (stages) en entreprise de plusieurs semaines durant son cursus de formation.',
  },
  apprenticeStatus: {
    label: "Sous statut d'apprenti",
    explanation:
      "statut d'apprenti : votre enfant devient apprenti et est considéré comme un salarié avec un contrat de travail. Son temps de formation est partagé entre le CFA et l'entreprise. Votre enfant doit se mettre à la recherche d'un employeur dès maintenant. Il peut être accompagné dans cette démarche par le CFA.",
  },
} as const;

// ——— 1re STL: spécialité ———

export const LABORATORY_SPECIALTIES = [
  { code: 'BIOTECH', label: 'biotechnologies' },
  { code: 'SPCL', label: 'sciences physiques et chimiques en laboratoire' },
] as const;
export type LaboratorySpecialtyCode = (typeof LABORATORY_SPECIALTIES)[number]['code'];
export const LABORATORY_SPECIALTY_CODES = LABORATORY_SPECIALTIES.map((s) => s.code) as readonly LaboratorySpecialtyCode[];
export const LABORATORY_SPECIALTY_FIELD_LABEL = 'Spécialité';

export function laboratorySpecialtyLabel(code: LaboratorySpecialtyCode): string {
  return LABORATORY_SPECIALTIES.find((s) => s.code === code)?.label ?? code;
}

// ——— Accès à la voie professionnelle after the 2de ———

export const VOCATIONAL_ROUTES = [
  { code: '1PRO', label: '1re professionnelle' },
  { code: '2PRO', label: '2de professionnelle' },
  { code: 'CAP', label: '1re année de CAP' },
] as const;
export type VocationalRouteCode = (typeof VOCATIONAL_ROUTES)[number]['code'];
export const VOCATIONAL_ROUTE_CODES = VOCATIONAL_ROUTES.map((r) => r.code) as readonly VocationalRouteCode[];

export function vocationalRouteLabel(code: VocationalRouteCode): string {
  return VOCATIONAL_ROUTES.find((r) => r.code === code)?.label ?? code;
}

// ——— Enseignements de spécialité (national list) ———

export interface SpecialtyDefinition {
  readonly code: string;
  readonly label: string;
  /** The spécialité a variant belongs to (« Arts »), null when it has no variants. */
  readonly family: string | null;
}

const ARTS = 'Arts';
const LLCER = 'Langues, littératures et cultures étrangères et régionales';
const LLCA = "Littérature et langues et cultures de l'Antiquité";

function variant<Code extends string>(family: string, code: Code, name: string) {
  return { code, label: `${family} : ${name}`, family } satisfies SpecialtyDefinition;
}
function single<Code extends string>(code: Code, label: string) {
  return { code, label, family: null } satisfies SpecialtyDefinition;
}

export const SPECIALTIES = [
  variant(ARTS, 'ARTS-AP', 'arts plastiques'),
  variant(ARTS, 'ARTS-CAV', 'cinéma-audiovisuel'),
  variant(ARTS, 'ARTS-DAN', 'danse'),
  variant(ARTS, 'ARTS-HDA', 'histoire des arts'),
  variant(ARTS, 'ARTS-MUS', 'musique'),
  variant(ARTS, 'ARTS-THE', 'théâtre'),
  single('BIOECO', 'Biologie-écologie'),
  single('EPPCS', 'Éducation physique, pratiques et culture sportives'),
  single('HGGSP', 'Histoire-géographie, géopolitique et sciences politiques'),
  single('HLP', 'Humanités, littérature et philosophie'),
  variant(LLCER, 'LLCER-ALL', 'allemand'),
  variant(LLCER, 'LLCER-ANG', 'anglais'),
  variant(LLCER, 'LLCER-ARA', 'arabe'),
  variant(LLCER, 'LLCER-CHI', 'chinois'),
  variant(LLCER, 'LLCER-ESP', 'espagnol'),
  variant(LLCER, 'LLCER-HEB', 'hébreu'),
  variant(LLCER, 'LLCER-ITA', 'italien'),
  variant(LLCER, 'LLCER-JPN', 'japonais'),
  variant(LLCER, 'LLCER-POR', 'portugais'),
  variant(LLCER, 'LLCER-RUS', 'russe'),
  variant(LLCER, 'LLCER-BAS', 'basque'),
  variant(LLCER, 'LLCER-BRE', 'breton'),
  variant(LLCER, 'LLCER-CAT', 'catalan'),
  variant(LLCER, 'LLCER-COR', 'corse'),
  variant(LLCER, 'LLCER-CRE', 'créole'),
  variant(LLCER, 'LLCER-OCC', 'occitan'),
  single('AMC', 'Anglais, monde contemporain'),
  variant(LLCA, 'LLCA-LAT', 'latin'),
  variant(LLCA, 'LLCA-GRC', 'grec'),
  single('MATHS', 'Mathématiques'),
  single('NSI', 'Numérique et sciences informatiques'),
  single('PC', 'Physique-chimie'),
  single('SVT', 'Sciences de la vie et de la Terre'),
  single('SI', "Sciences de l'ingénieur"),
  single('SES', 'Sciences économiques et sociales'),
] as const;

export type SpecialtyCode = (typeof SPECIALTIES)[number]['code'];
export const SPECIALTY_CODES = SPECIALTIES.map((s) => s.code) as readonly SpecialtyCode[];

/** The spécialités a school teaches (codes from the national list). */
export type SpecialtyOffer = ReadonlySet<string>;

export const OUTSIDE_SCHOOL_SUFFIX = ' (hors établissement)';
export const SPECIALTY_PLACEHOLDER = 'Veuillez choisir un enseignement de spécialité';

const SPECIALTIES_BY_CODE: ReadonlyMap<string, SpecialtyDefinition> = new Map(SPECIALTIES.map((s) => [s.code, s]));

export function isSpecialtyCode(value: unknown): value is SpecialtyCode {
  return typeof value === 'string' && SPECIALTIES_BY_CODE.has(value);
}

/** The national label, without any mention of the school. */
export function specialtyName(code: SpecialtyCode): string {
  const specialty = SPECIALTIES_BY_CODE.get(code);
  if (!specialty) throw new RangeError(`Unknown specialty code: ${code}`);
  return specialty.label;
}

export function isOutsideSchool(code: SpecialtyCode, offer: SpecialtyOffer): boolean {
  return !offer.has(code);
}

/** The label to show a family: the national label, followed by « (hors établissement) » when the school does not teach it. */
export function specialtyLabel(code: SpecialtyCode, offer: SpecialtyOffer): string {
  return isOutsideSchool(code, offer) ? `${specialtyName(code)}${OUTSIDE_SCHOOL_SUFFIX}` : specialtyName(code);
}

export interface SpecialtyChoice {
  readonly code: SpecialtyCode;
  readonly label: string;
  readonly offered: boolean;
}

/** The options of a spécialité list for a school: those it teaches first, then the others marked « (hors établissement) », each group in national order. */
export function specialtyChoices(offer: SpecialtyOffer): readonly SpecialtyChoice[] {
  const choices = SPECIALTY_CODES.map((code) => ({
    code,
    label: specialtyLabel(code, offer),
    offered: offer.has(code),
  }));
  return [...choices.filter((c) => c.offered), ...choices.filter((c) => !c.offered)];
}
