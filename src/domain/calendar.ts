import { z } from 'zod';
import type { Level } from './catalogue.js';
import { formatDateTime } from './dates.js';
import type { FieldError } from './field-error.js';

export const WINDOW_NAMES = ['intentions', 'acknowledgement', 'choices', 'response'] as const;
/** The four dated windows of a campaign, in procedure order. */
export type WindowName = (typeof WINDOW_NAMES)[number];

/** Windows in which the family enters wishes that a class council then examines. */
export const FAMILY_ENTRY_WINDOWS = ['intentions', 'choices'] as const satisfies readonly WindowName[];

export interface CampaignWindow {
  readonly opensAt: Date | null;
  readonly closesAt: Date | null;
}

export type CampaignWindows = Readonly<Record<WindowName, CampaignWindow>>;

export const SECOND_REPRESENTATIVE_RULES = ['presumed', 'required', 'none'] as const;
/**
 * What the other RL's accord means: `presumed` silence until the response window
 * closes counts as accord; `required` the decision waits for it; `none` the
 * first answer alone decides.
 */
export type SecondRepresentativeRule = (typeof SECOND_REPRESENTATIVE_RULES)[number];

export const TERM_WORDINGS = ['trimestre', 'semestre'] as const;
export type TermWording = (typeof TERM_WORDINGS)[number];

export interface CampaignSettings {
  readonly secondRepresentative: SecondRepresentativeRule;
  readonly pupilAccess: boolean;
  readonly termWording: TermWording;
}

export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = {
  secondRepresentative: 'presumed',
  pupilAccess: true,
  termWording: 'trimestre',
};

/** Parses the settings form or a stored row; missing values take the defaults. */
export const campaignSettingsSchema = z.object({
  secondRepresentative: z.enum(SECOND_REPRESENTATIVE_RULES).default(DEFAULT_CAMPAIGN_SETTINGS.secondRepresentative),
  pupilAccess: z.boolean().default(DEFAULT_CAMPAIGN_SETTINGS.pupilAccess),
  termWording: z.enum(TERM_WORDINGS).default(DEFAULT_CAMPAIGN_SETTINGS.termWording),
});

/** The class councils of one division: `provisional` examines the intentions (2e trimestre), `final` the choix définitifs (3e trimestre). */
export interface DivisionCouncils {
  readonly divisionId: number;
  readonly provisional: Date | null;
  readonly final: Date | null;
}

/** One school × palier × school year. `schoolYear` is the year it starts (2026 for 2026-2027). */
export interface Campaign {
  readonly schoolId: number;
  readonly level: Level;
  readonly schoolYear: number;
  /** The académie's IANA time zone, in which every date is shown and typed. */
  readonly timeZone: string;
  readonly windows: CampaignWindows;
  readonly councils: readonly DivisionCouncils[];
  readonly settings: CampaignSettings;
}

export const UNSET_WINDOWS: CampaignWindows = {
  intentions: { opensAt: null, closesAt: null },
  acknowledgement: { opensAt: null, closesAt: null },
  choices: { opensAt: null, closesAt: null },
  response: { opensAt: null, closesAt: null },
};

// ——— Which window is open ———

/** `unscheduled`: no opening date yet. A window is open from `opensAt` (included) to `closesAt` (excluded). */
export type WindowStatus = 'unscheduled' | 'upcoming' | 'open' | 'closed';

export function windowStatus(window: CampaignWindow, at: Date): WindowStatus {
  if (window.opensAt === null) return 'unscheduled';
  if (at.getTime() < window.opensAt.getTime()) return 'upcoming';
  if (window.closesAt !== null && at.getTime() >= window.closesAt.getTime()) return 'closed';
  return 'open';
}

export function isWindowOpen(windows: CampaignWindows, name: WindowName, at: Date): boolean {
  return windowStatus(windows[name], at) === 'open';
}

/** « Deuxième trimestre ou premier semestre » in the seeds: the council terms of each phase. */
export function termLabels(wording: TermWording): { readonly provisional: string; readonly final: string } {
  return wording === 'trimestre'
    ? { provisional: '2e trimestre', final: '3e trimestre' }
    : { provisional: '1er semestre', final: '2e semestre' };
}

export interface PhaseTile {
  readonly window: WindowName;
  readonly phase: 'Phase provisoire' | 'Phase définitive';
  readonly title: 'Intentions' | 'Avis provisoires' | 'Choix définitifs' | 'Propositions';
  /** « Courant 2e trimestre », « Après le conseil de classe du 3e trimestre »… */
  readonly period: string;
  readonly status: WindowStatus;
  readonly opensAt: Date | null;
  readonly closesAt: Date | null;
  /** The tile the family should look at now. */
  readonly current: boolean;
}

/** « Phase provisoire — Intentions — Courant 2e trimestre » */
export function phaseTileText(tile: Pick<PhaseTile, 'phase' | 'title' | 'period'>): string {
  return `${tile.phase} — ${tile.title} — ${tile.period}`;
}

export interface CalendarSituation {
  readonly open: readonly WindowName[];
  readonly past: readonly WindowName[];
  readonly upcoming: readonly WindowName[];
  readonly unscheduled: readonly WindowName[];
  /** The next window to open, if any. */
  readonly next: { readonly window: WindowName; readonly opensAt: Date } | null;
  /** The open window (the later one when two overlap), else the next one, else the last one that closed. */
  readonly current: WindowName | null;
  readonly tiles: readonly PhaseTile[];
}

/** What is open, past and coming at `at`, shaped as the four tiles families see. */
export function calendarSituation(
  campaign: { readonly windows: CampaignWindows; readonly settings: Pick<CampaignSettings, 'termWording'> },
  at: Date,
): CalendarSituation {
  const statuses = WINDOW_NAMES.map((name) => ({ name, status: windowStatus(campaign.windows[name], at) }));
  const named = (status: WindowStatus): WindowName[] => statuses.filter((s) => s.status === status).map((s) => s.name);
  const open = named('open');
  const past = named('closed');
  const upcoming = named('upcoming');

  let next: CalendarSituation['next'] = null;
  for (const name of upcoming) {
    const opensAt = campaign.windows[name].opensAt;
    if (opensAt && (next === null || opensAt.getTime() < next.opensAt.getTime())) next = { window: name, opensAt };
  }
  const current = open.at(-1) ?? next?.window ?? past.at(-1) ?? null;

  const terms = termLabels(campaign.settings.termWording);
  const tile = (window: WindowName, phase: PhaseTile['phase'], title: PhaseTile['title'], period: string): PhaseTile => ({
    window,
    phase,
    title,
    period,
    status: windowStatus(campaign.windows[window], at),
    opensAt: campaign.windows[window].opensAt,
    closesAt: campaign.windows[window].closesAt,
    current: window === current,
  });
  return {
    open,
    past,
    upcoming,
    unscheduled: named('unscheduled'),
    next,
    current,
    tiles: [
      tile('intentions', 'Phase provisoire', 'Intentions', `Courant ${terms.provisional}`),
      tile('acknowledgement', 'Phase provisoire', 'Avis provisoires', `Après le conseil de classe du ${terms.provisional}`),
      tile('choices', 'Phase définitive', 'Choix définitifs', `Courant ${terms.final}`),
      tile('response', 'Phase définitive', 'Propositions', `Après le conseil de classe du ${terms.final}`),
    ],
  };
}

// ——— Validation of the calendar set by the head ———

/** A window for family entry must close this long before the first council that examines it. */
export const COUNCIL_MARGIN_MS = 24 * 60 * 60 * 1000;

/** What each window is called in a sentence, capitalised form first. */
export const WINDOW_NAMES_IN_TEXT: Readonly<Record<WindowName, { readonly subject: string; readonly object: string }>> = {
  intentions: { subject: 'La saisie des intentions', object: 'la saisie des intentions' },
  acknowledgement: {
    subject: "L'accusé de réception de l'avis provisoire",
    object: "l'accusé de réception de l'avis provisoire",
  },
  choices: { subject: 'La saisie des choix définitifs', object: 'la saisie des choix définitifs' },
  response: {
    subject: 'La réponse aux propositions du conseil de classe',
    object: 'la réponse aux propositions du conseil de classe',
  },
};

const isFamilyEntry = (name: WindowName): boolean => (FAMILY_ENTRY_WINDOWS as readonly WindowName[]).includes(name);

function earliest(dates: readonly (Date | null)[]): Date | null {
  let first: Date | null = null;
  for (const date of dates) if (date && (first === null || date.getTime() < first.getTime())) first = date;
  return first;
}

/**
 * Every problem of a calendar, as `{ field, message }` with `field` such as
 * `intentions.closesAt` or `councils.12.final`. An empty list means the
 * calendar may be saved. Windows not set yet (both dates null) are accepted.
 */
export function validateCalendar(
  campaign: Pick<Campaign, 'windows' | 'councils' | 'timeZone'> & {
    readonly settings: Pick<CampaignSettings, 'termWording'>;
  },
): FieldError[] {
  const errors: FieldError[] = [];
  const when = (date: Date): string => `le ${formatDateTime(date, campaign.timeZone)}`;
  const { windows } = campaign;

  for (const name of WINDOW_NAMES) {
    const { opensAt, closesAt } = windows[name];
    const { subject, object } = WINDOW_NAMES_IN_TEXT[name];
    if (opensAt && !closesAt) {
      errors.push({ field: `${name}.closesAt`, message: `Indiquez la date de fermeture de ${object}.` });
    } else if (!opensAt && closesAt) {
      errors.push({ field: `${name}.opensAt`, message: `Indiquez la date d'ouverture de ${object}.` });
    } else if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime()) {
      errors.push({
        field: `${name}.closesAt`,
        message: `${subject} doit se terminer après son ouverture (${when(opensAt)}).`,
      });
    }
  }

  // Procedure order: a window opens after the previous one opened and, when the
  // previous one feeds a class council, after it closed.
  let previous: WindowName | null = null;
  for (const name of WINDOW_NAMES) {
    const opensAt = windows[name].opensAt;
    if (!opensAt) continue;
    if (previous !== null) {
      const before = windows[previous];
      const limit = isFamilyEntry(previous) ? (before.closesAt ?? before.opensAt) : before.opensAt;
      if (limit && opensAt.getTime() < limit.getTime()) {
        const what = isFamilyEntry(previous) && before.closesAt ? 'la fin de' : "l'ouverture de";
        errors.push({
          field: `${name}.opensAt`,
          message: `${WINDOW_NAMES_IN_TEXT[name].subject} ne peut pas ouvrir avant ${what} ${WINDOW_NAMES_IN_TEXT[previous].object} (${when(limit)}).`,
        });
      }
    }
    previous = name;
  }

  const firstCouncil = {
    intentions: earliest(campaign.councils.map((c) => c.provisional)),
    choices: earliest(campaign.councils.map((c) => c.final)),
  };
  for (const name of FAMILY_ENTRY_WINDOWS) {
    const closesAt = windows[name].closesAt;
    const council = firstCouncil[name];
    if (closesAt && council && closesAt.getTime() > council.getTime() - COUNCIL_MARGIN_MS) {
      errors.push({
        field: `${name}.closesAt`,
        message: `${WINDOW_NAMES_IN_TEXT[name].subject} doit se terminer au moins 24 heures avant le premier conseil de classe (${when(council)}).`,
      });
    }
  }

  const terms = termLabels(campaign.settings.termWording);
  for (const council of campaign.councils) {
    if (council.provisional && council.final && council.final.getTime() <= council.provisional.getTime()) {
      errors.push({
        field: `councils.${council.divisionId}.final`,
        message: `Le conseil de classe du ${terms.final} doit avoir lieu après celui du ${terms.provisional} (${when(council.provisional)}).`,
      });
    }
  }
  return errors;
}
