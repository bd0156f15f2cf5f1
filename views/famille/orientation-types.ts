import type { FieldError } from '../components/error-summary.js';

/** What the family pages show, computed by `src/famille/present.ts` (views only lay it out). */

export type Phase = 'provisional' | 'final';
export type Viewer = 'representative' | 'pupil';

export type PupilHeader = {
  pupilId: number;
  firstName: string;
  lastName: string;
  divisionName: string;
  schoolName: string;
  level: '3e' | '2de';
};

export type WishView = { rank: number; title: string; lines: string[] };

export type TileView = { phase: string; title: string; period: string; statusText: string; current: boolean; open: boolean };

export type StepView = { number: 1 | 2 | 3; label: string; current: boolean };

export type LinkView = { href: string; label: string };

export type TimelineView = { dateText: string; sentence: string };

export type HomeView = {
  pupil: PupilHeader;
  viewer: Viewer;
  basePath: string;
  steps: StepView[];
  tiles: TileView[];
  nowText: string;
  schoolMessage: string;
  nextAction: LinkView | null;
  nextText: string | null;
  links: LinkView[];
  timeline: TimelineView[];
  backToChildren: boolean;
};

export type EditorView = {
  pupil: PupilHeader;
  basePath: string;
  phase: Phase;
  /** `edit`: the draft, with its buttons; `recap`: what is validated; nothing editable in `readonly`. */
  mode: 'edit' | 'recap' | 'readonly';
  wishes: WishView[];
  maxWishes: number;
  /** The draft differs from what is validated: banner and leave-page warning. */
  dirty: boolean;
  canAdd: boolean;
  canModify: boolean;
  modifyUntil: string | null;
  /** « Vos intentions ont bien été validées… » */
  showValidated: boolean;
  readOnlyReason: string | null;
  /** A refusal that is not about one field (the window closed, another representative…). */
  errors: FieldError[];
  /** What the last action did (« Intention ajoutée au rang 2 »), and where focus goes after an htmx swap. */
  flash: { text: string; focusId: string | null } | null;
  steps: StepView[];
};

export type AddFormValues = {
  track: string;
  series: string;
  occupation: string;
  schoolStatus: boolean;
  apprenticeStatus: boolean;
  specialties: string[];
  laboratorySpecialty: string;
  vocationalRoute: string;
};

export type TrackOption = { code: string; label: string; help: string | null; details: string; seriesLabel: string | null };

export type AddFormView = {
  pupil: PupilHeader;
  basePath: string;
  phase: Phase;
  level: '3e' | '2de';
  rank: number;
  tracks: TrackOption[];
  specialtyChoices: { code: string; label: string }[];
  specialtySlots: number;
  laboratorySpecialties: { code: string; label: string }[];
  vocationalRoutes: { code: string; label: string }[];
  vocational: {
    occupationLabel: string;
    occupationHint: string;
    occupationHelp: string;
    occupationInformation: string;
    statusHint: string;
    schoolStatus: { label: string; explanation: string };
    apprenticeStatus: { label: string; explanation: string };
  };
  values: AddFormValues;
  errors: FieldError[];
  steps: StepView[];
};

export type OpinionsView = {
  pupil: PupilHeader;
  basePath: string;
  published: boolean;
  items: (WishView & { opinion: string })[];
  recommendation: string | null;
  motivations: string;
  acknowledgedText: string | null;
  canAcknowledge: boolean;
  refusal: string | null;
  errors: FieldError[];
  flash: string | null;
  steps: StepView[];
};

export type RecapView = {
  pupil: PupilHeader;
  basePath: string;
  phase: Phase;
  wishes: WishView[];
  validatedAtText: string | null;
  authorName: string | null;
  printedAtText: string;
};
