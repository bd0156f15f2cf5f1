import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAMPAIGN_SETTINGS,
  UNSET_WINDOWS,
  calendarSituation,
  campaignSettingsSchema,
  phaseTileText,
  validateCalendar,
  windowStatus,
  type Campaign,
  type CampaignWindows,
  type DivisionCouncils,
} from '../../../src/domain/calendar.js';
import { instantFromLocal } from '../../../src/domain/dates.js';

const PARIS = 'Europe/Paris';
const CAYENNE = 'America/Cayenne';

/** `2027-03-12 17:00` in a time zone. */
function local(text: string, timeZone = PARIS): Date {
  const [date = '', time = ''] = text.split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return instantFromLocal({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, timeZone);
}

function windowsIn(timeZone: string): CampaignWindows {
  return {
    intentions: { opensAt: local('2027-01-18 08:00', timeZone), closesAt: local('2027-03-10 23:59', timeZone) },
    acknowledgement: { opensAt: local('2027-03-16 08:00', timeZone), closesAt: local('2027-04-30 23:59', timeZone) },
    choices: { opensAt: local('2027-05-03 08:00', timeZone), closesAt: local('2027-05-30 23:59', timeZone) },
    response: { opensAt: local('2027-06-02 08:00', timeZone), closesAt: local('2027-06-09 23:59', timeZone) },
  };
}

function councilsIn(timeZone: string): DivisionCouncils[] {
  return [
    { divisionId: 1, provisional: local('2027-03-15 17:00', timeZone), final: local('2027-06-01 17:00', timeZone) },
    { divisionId: 2, provisional: local('2027-03-12 17:00', timeZone), final: local('2027-06-01 09:00', timeZone) },
  ];
}

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    schoolId: 1,
    level: '3e',
    schoolYear: 2026,
    timeZone: PARIS,
    windows: windowsIn(PARIS),
    councils: councilsIn(PARIS),
    settings: DEFAULT_CAMPAIGN_SETTINGS,
    ...overrides,
  };
}

function withWindow(name: keyof CampaignWindows, opensAt: Date | null, closesAt: Date | null, base = campaign()): Campaign {
  return { ...base, windows: { ...base.windows, [name]: { opensAt, closesAt } } };
}

describe('état d’une fenêtre', () => {
  const window = { opensAt: new Date('2027-05-03T06:00:00Z'), closesAt: new Date('2027-05-30T21:59:00Z') };

  it.each([
    ['avant l’ouverture', '2027-05-03T05:59:59Z', 'upcoming'],
    ['à l’instant de l’ouverture', '2027-05-03T06:00:00Z', 'open'],
    ['une seconde avant la fermeture', '2027-05-30T21:58:59Z', 'open'],
    ['à l’instant de la fermeture', '2027-05-30T21:59:00Z', 'closed'],
  ])('%s, la fenêtre est %s', (_when, at, expected) => {
    expect(windowStatus(window, new Date(at))).toBe(expected);
  });

  it('une fenêtre sans date n’est pas programmée', () => {
    expect(windowStatus({ opensAt: null, closesAt: null }, new Date())).toBe('unscheduled');
  });

  it('une fenêtre ouverte par le chef sans date de fin reste ouverte', () => {
    expect(windowStatus({ opensAt: new Date('2027-01-01T00:00:00Z'), closesAt: null }, new Date('2030-01-01'))).toBe('open');
  });
});

describe('les quatre tuiles du calendrier des familles', () => {
  it('affichent les libellés des trimestres', () => {
    const { tiles } = calendarSituation(campaign(), local('2027-02-01 10:00'));
    expect(tiles.map(phaseTileText)).toEqual([
      'Phase provisoire — Intentions — Courant 2e trimestre',
      'Phase provisoire — Avis provisoires — Après le conseil de classe du 2e trimestre',
      'Phase définitive — Choix définitifs — Courant 3e trimestre',
      'Phase définitive — Propositions — Après le conseil de classe du 3e trimestre',
    ]);
  });

  it('affichent les libellés des semestres quand l’établissement fonctionne en semestres', () => {
    const semesters = campaign({ settings: { ...DEFAULT_CAMPAIGN_SETTINGS, termWording: 'semestre' } });
    expect(calendarSituation(semesters, new Date()).tiles.map((t) => t.period)).toEqual([
      'Courant 1er semestre',
      'Après le conseil de classe du 1er semestre',
      'Courant 2e semestre',
      'Après le conseil de classe du 2e semestre',
    ]);
  });

  it('pendant la saisie des intentions, la tuile Intentions est ouverte et mise en avant', () => {
    const situation = calendarSituation(campaign(), local('2027-02-01 10:00'));
    expect(situation.open).toEqual(['intentions']);
    expect(situation.past).toEqual([]);
    expect(situation.upcoming).toEqual(['acknowledgement', 'choices', 'response']);
    expect(situation.current).toBe('intentions');
    expect(situation.next).toEqual({ window: 'acknowledgement', opensAt: local('2027-03-16 08:00') });
    expect(situation.tiles.map((t) => [t.status, t.current])).toEqual([
      ['open', true],
      ['upcoming', false],
      ['upcoming', false],
      ['upcoming', false],
    ]);
  });

  it('quand l’accusé de réception reste ouvert pendant les choix définitifs, la tuile Choix définitifs est mise en avant', () => {
    const overlapping = withWindow('acknowledgement', local('2027-03-16 08:00'), local('2027-05-30 23:59'));
    const situation = calendarSituation(overlapping, local('2027-05-10 10:00'));
    expect(situation.open).toEqual(['acknowledgement', 'choices']);
    expect(situation.current).toBe('choices');
  });

  it('entre deux fenêtres, rien n’est ouvert et la prochaine est annoncée avec sa date', () => {
    const situation = calendarSituation(campaign(), local('2027-05-31 12:00'));
    expect(situation.open).toEqual([]);
    expect(situation.past).toEqual(['intentions', 'acknowledgement', 'choices']);
    expect(situation.next).toEqual({ window: 'response', opensAt: local('2027-06-02 08:00') });
    expect(situation.current).toBe('response');
  });

  it('après la dernière fenêtre, la tuile Propositions reste la tuile courante', () => {
    const situation = calendarSituation(campaign(), local('2027-07-01 12:00'));
    expect(situation.next).toBeNull();
    expect(situation.current).toBe('response');
    expect(situation.past).toHaveLength(4);
  });

  it('sans calendrier, aucune fenêtre n’est courante', () => {
    const situation = calendarSituation(campaign({ windows: UNSET_WINDOWS }), new Date());
    expect(situation.unscheduled).toHaveLength(4);
    expect(situation.current).toBeNull();
  });
});

describe('paramètres de la campagne', () => {
  it('par défaut : accord présumé du second représentant, accès élève ouvert, trimestres', () => {
    expect(campaignSettingsSchema.parse({})).toEqual({
      secondRepresentative: 'presumed',
      pupilAccess: true,
      termWording: 'trimestre',
    });
  });

  it('refuse une règle inconnue pour le second représentant', () => {
    expect(campaignSettingsSchema.safeParse({ secondRepresentative: 'sometimes' }).success).toBe(false);
  });
});

describe('validation du calendrier saisi par le chef d’établissement', () => {
  it('un calendrier cohérent est accepté', () => {
    expect(validateCalendar(campaign())).toEqual([]);
  });

  it('un calendrier vide (pas encore programmé) est accepté', () => {
    expect(validateCalendar(campaign({ windows: UNSET_WINDOWS, councils: [] }))).toEqual([]);
  });

  it('une fenêtre doit avoir une date d’ouverture et une date de fermeture', () => {
    expect(validateCalendar(withWindow('choices', local('2027-05-03 08:00'), null))).toEqual([
      { field: 'choices.closesAt', message: 'Indiquez la date de fermeture de la saisie des choix définitifs.' },
    ]);
    expect(validateCalendar(withWindow('response', null, local('2027-06-09 23:59')))).toEqual([
      {
        field: 'response.opensAt',
        message: "Indiquez la date d'ouverture de la réponse aux propositions du conseil de classe.",
      },
    ]);
  });

  it('une fenêtre doit se terminer après son ouverture', () => {
    const errors = validateCalendar(withWindow('response', local('2027-06-09 23:59'), local('2027-06-02 08:00')));
    expect(errors).toContainEqual({
      field: 'response.closesAt',
      message: 'La réponse aux propositions du conseil de classe doit se terminer après son ouverture (le 09/06/2027 à 23 h 59).',
    });
  });

  it('l’accusé de réception ne peut pas ouvrir avant la fin de la saisie des intentions', () => {
    expect(validateCalendar(withWindow('acknowledgement', local('2027-03-10 08:00'), local('2027-04-30 23:59')))).toEqual([
      {
        field: 'acknowledgement.opensAt',
        message:
          "L'accusé de réception de l'avis provisoire ne peut pas ouvrir avant la fin de la saisie des intentions (le 10/03/2027 à 23 h 59).",
      },
    ]);
  });

  it('les choix définitifs ne peuvent pas ouvrir avant l’accusé de réception, mais peuvent le chevaucher', () => {
    expect(validateCalendar(withWindow('choices', local('2027-03-15 08:00'), local('2027-05-30 23:59')))).toEqual([
      {
        field: 'choices.opensAt',
        message:
          "La saisie des choix définitifs ne peut pas ouvrir avant l'ouverture de l'accusé de réception de l'avis provisoire (le 16/03/2027 à 08 h 00).",
      },
    ]);
    expect(validateCalendar(withWindow('choices', local('2027-04-01 08:00'), local('2027-05-30 23:59')))).toEqual([]);
  });

  it('sans fenêtre d’accusé de réception, les choix définitifs suivent la fin des intentions', () => {
    const noAcknowledgement = withWindow('acknowledgement', null, null);
    expect(validateCalendar(withWindow('choices', local('2027-03-01 08:00'), local('2027-05-30 23:59'), noAcknowledgement))).toEqual([
      {
        field: 'choices.opensAt',
        message:
          'La saisie des choix définitifs ne peut pas ouvrir avant la fin de la saisie des intentions (le 10/03/2027 à 23 h 59).',
      },
    ]);
  });

  it('la réponse aux propositions ne peut pas ouvrir avant la fin des choix définitifs', () => {
    expect(validateCalendar(withWindow('response', local('2027-05-30 08:00'), local('2027-06-09 23:59')))).toEqual([
      {
        field: 'response.opensAt',
        message:
          'La réponse aux propositions du conseil de classe ne peut pas ouvrir avant la fin de la saisie des choix définitifs (le 30/05/2027 à 23 h 59).',
      },
    ]);
  });

  describe('règle des 24 heures avant le premier conseil de classe', () => {
    it('la saisie des intentions fermant moins de 24 h avant le premier conseil du 2e trimestre est refusée, avec la date du conseil', () => {
      expect(validateCalendar(withWindow('intentions', local('2027-01-18 08:00'), local('2027-03-11 23:59')))).toEqual([
        {
          field: 'intentions.closesAt',
          message:
            'La saisie des intentions doit se terminer au moins 24 heures avant le premier conseil de classe (le 12/03/2027 à 17 h 00).',
        },
      ]);
    });

    it('fermer exactement 24 h avant est accepté, une minute plus tard est refusé', () => {
      expect(validateCalendar(withWindow('intentions', local('2027-01-18 08:00'), local('2027-03-11 17:00')))).toEqual([]);
      expect(validateCalendar(withWindow('intentions', local('2027-01-18 08:00'), local('2027-03-11 17:01')))).toHaveLength(1);
    });

    it('les choix définitifs se comparent au premier conseil du 3e trimestre, toutes divisions confondues', () => {
      expect(validateCalendar(withWindow('choices', local('2027-05-03 08:00'), local('2027-05-31 12:00')))).toEqual([
        {
          field: 'choices.closesAt',
          message:
            'La saisie des choix définitifs doit se terminer au moins 24 heures avant le premier conseil de classe (le 01/06/2027 à 09 h 00).',
        },
      ]);
    });

    it('les intentions ne se comparent pas aux conseils du 3e trimestre', () => {
      const lateCouncils = campaign({
        councils: [{ divisionId: 1, provisional: null, final: local('2027-03-11 09:00') }],
      });
      const errors = validateCalendar(lateCouncils).filter((e) => e.field.startsWith('intentions'));
      expect(errors).toEqual([]);
    });

    it('à 23 h 59 à Paris, le conseil du lendemain du passage à l’heure d’été est à moins de 24 h', () => {
      const timeZone = PARIS;
      const calendar = campaign({
        timeZone,
        windows: {
          ...UNSET_WINDOWS,
          intentions: { opensAt: local('2027-01-18 08:00', timeZone), closesAt: local('2027-03-27 23:59', timeZone) },
        },
        councils: [{ divisionId: 1, provisional: local('2027-03-29 00:00', timeZone), final: null }],
      });
      expect(validateCalendar(calendar)).toEqual([
        {
          field: 'intentions.closesAt',
          message:
            'La saisie des intentions doit se terminer au moins 24 heures avant le premier conseil de classe (le 29/03/2027 à 00 h 00).',
        },
      ]);
    });

    it('à 23 h 59 à Cayenne (sans heure d’été), les mêmes heures locales respectent les 24 h', () => {
      const timeZone = CAYENNE;
      const calendar = campaign({
        timeZone,
        windows: {
          ...UNSET_WINDOWS,
          intentions: { opensAt: local('2027-01-18 08:00', timeZone), closesAt: local('2027-03-27 23:59', timeZone) },
        },
        councils: [{ divisionId: 1, provisional: local('2027-03-29 00:00', timeZone), final: null }],
      });
      expect(validateCalendar(calendar)).toEqual([]);
    });

    it('à Cayenne, une fermeture à 23 h 59 la veille du conseil est refusée et la date du conseil s’affiche à l’heure de Cayenne', () => {
      const timeZone = CAYENNE;
      const council = new Date('2027-03-12T16:00:00Z'); // 17 h 00 à Paris, 13 h 00 à Cayenne
      const calendar = campaign({
        timeZone,
        windows: {
          ...UNSET_WINDOWS,
          intentions: { opensAt: local('2027-01-18 08:00', timeZone), closesAt: local('2027-03-11 23:59', timeZone) },
        },
        councils: [{ divisionId: 1, provisional: council, final: null }],
      });
      expect(validateCalendar(calendar)).toEqual([
        {
          field: 'intentions.closesAt',
          message:
            'La saisie des intentions doit se terminer au moins 24 heures avant le premier conseil de classe (le 12/03/2027 à 13 h 00).',
        },
      ]);
    });
  });

  it('le conseil du 3e trimestre d’une division doit suivre celui du 2e trimestre', () => {
    const calendar = campaign({
      councils: [{ divisionId: 7, provisional: local('2027-03-15 17:00'), final: local('2027-03-14 17:00') }],
      windows: UNSET_WINDOWS,
    });
    expect(validateCalendar(calendar)).toEqual([
      {
        field: 'councils.7.final',
        message: 'Le conseil de classe du 3e trimestre doit avoir lieu après celui du 2e trimestre (le 15/03/2027 à 17 h 00).',
      },
    ]);
  });

  it('toutes les erreurs sont rendues ensemble', () => {
    const calendar = withWindow(
      'response',
      local('2027-05-01 08:00'),
      local('2027-04-01 08:00'),
      withWindow('intentions', local('2027-01-18 08:00'), local('2027-03-12 12:00')),
    );
    expect(validateCalendar(calendar).map((e) => e.field)).toEqual([
      'response.closesAt',
      'response.opensAt',
      'intentions.closesAt',
    ]);
  });
});
