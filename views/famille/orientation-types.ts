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
  /** The phase's presentation (seed 003), before the button. */
  intro: { paragraphs: string[]; bullets: string[]; after: string[] } | null;
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
  /** The school enters a paper form: who signed it (the family's page otherwise). */
  paperSigner: string | null;
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
  /** Why the representative was sent here (choix définitifs wait for the accusé de réception). */
  notice: string | null;
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

export type ProposalItemView = WishView & { answer: string; vocational: boolean };

/** What a check page (or a read-only answer) lists: each accepted voie, or the refusal. */
export type ResponseSummary = { accepted: { code: string; label: string }[]; refused: boolean };

export type ProposalsView = {
  pupil: PupilHeader;
  basePath: string;
  steps: StepView[];
  published: boolean;
  items: ProposalItemView[];
  /** Voies the council proposed that the family did not ask for. */
  proposed: string[];
  motivations: string;
  /** `answer`: the form; `check`: what will be sent; `accord` / `accordCheck`: the other representative's turn; `readonly`: nothing to do. */
  mode: 'answer' | 'check' | 'accord' | 'accordCheck' | 'readonly';
  options: { code: string; label: string; checked: boolean }[];
  refuseChecked: boolean;
  /** On a check page: what « Confirmer » will send. */
  pending: ResponseSummary | null;
  accordValue: 'oui' | 'non' | null;
  /** « Réponse donnée le … par … » once answered. */
  response: { text: string; summary: ResponseSummary } | null;
  accordText: string | null;
  accordSettingText: string | null;
  refusal: string | null;
  decisionLink: boolean;
  errors: FieldError[];
  flash: string | null;
};

export type DecisionRecordView = { title: string; dateText: string; lines: string[] };

export type DecisionView = {
  pupil: PupilHeader;
  basePath: string;
  steps: StepView[];
  status: 'pending' | 'decided' | 'dialogue';
  /** The voies of the décision d'orientation in force. */
  decision: { byText: string; dateText: string; tracks: string[] } | null;
  dialogue: { causeText: string; dateText: string } | null;
  records: DecisionRecordView[];
};
