import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../../src/domain/field-error.js';
import {
  summarizeWish,
  validateWishes,
  wishDetailsSchema,
  wishSummaryText,
  type Phase,
  type WishValidationContext,
} from '../../../src/domain/wishes.js';

const OFFER = new Set(['MATHS', 'PC', 'SVT', 'HGGSP', 'LLCER-ANG', 'NSI']);
const ctx = (level: '3e' | '2de', phase: Phase): WishValidationContext => ({ level, phase, offer: OFFER });

function errorsOf(input: unknown, context: WishValidationContext): FieldError[] {
  const result = validateWishes(input, context);
  return result.ok ? [] : result.errors;
}

const ranked = (wishes: object[]): object[] => wishes.map((wish, index) => ({ rank: index + 1, ...wish }));

const ALL_2DE = [
  { track: '1G', specialties: ['MATHS', 'PC', 'SVT'] },
  ...['STAV', 'STD2A', 'STHR', 'STI2D', 'STMG', 'ST2S', 'S2TMD'].map((series) => ({ track: '1T', series })),
  { track: '1T', series: 'STL', laboratorySpecialty: 'BIOTECH' },
  { track: 'BTMM' },
  { track: 'VPRO', vocationalRoute: '1PRO' },
];

describe('nombre de vœux', () => {
  it.each([
    ['3e', 'provisional', 0, 'Vous devez saisir au moins 1 intention.'],
    ['3e', 'final', 0, 'Vous devez saisir au moins 1 choix définitif.'],
    ['2de', 'provisional', 0, 'Vous devez saisir au moins 1 intention.'],
    ['2de', 'final', 0, 'Vous devez saisir au moins 1 choix définitif.'],
  ] as const)('palier %s, phase %s : %i vœu est refusé', (level, phase, _count, message) => {
    expect(errorsOf([], ctx(level, phase))).toEqual([{ field: 'wishes', message }]);
    expect(errorsOf(undefined, ctx(level, phase))).toEqual([{ field: 'wishes', message }]);
  });

  it.each(['provisional', 'final'] as const)('palier 3e (%s) : 1 et 3 vœux sont acceptés', (phase) => {
    expect(validateWishes(ranked([{ track: '2GT' }]), ctx('3e', phase)).ok).toBe(true);
    expect(validateWishes(ranked([{ track: '2GT' }, { track: '2PRO' }, { track: 'CAP' }]), ctx('3e', phase)).ok).toBe(true);
  });

  it.each([
    ['provisional', 'Vous ne pouvez pas saisir plus de 3 intentions.'],
    ['final', 'Vous ne pouvez pas saisir plus de 3 choix définitifs.'],
  ] as const)('palier 3e (%s) : un 4e vœu est refusé', (phase, message) => {
    const four = ranked([{ track: '2GT' }, { track: '2PRO' }, { track: 'CAP' }, { track: '2GT' }]);
    expect(errorsOf(four, ctx('3e', phase))).toContainEqual({ field: 'wishes', message });
  });

  it('palier 2de : 11 vœux (toutes les voies et séries) sont acceptés, 12 sont refusés', () => {
    expect(validateWishes(ranked(ALL_2DE), ctx('2de', 'final')).ok).toBe(true);
    expect(errorsOf(ranked([...ALL_2DE, { track: 'BTMM' }]), ctx('2de', 'final'))).toContainEqual({
      field: 'wishes',
      message: 'Vous ne pouvez pas saisir plus de 11 choix définitifs.',
    });
    expect(errorsOf(ranked([...ALL_2DE, { track: 'BTMM' }]), ctx('2de', 'provisional'))).toContainEqual({
      field: 'wishes',
      message: 'Vous ne pouvez pas saisir plus de 11 intentions.',
    });
  });

  it('une saisie qui n’est pas une liste est refusée', () => {
    expect(errorsOf({ track: '2GT' }, ctx('3e', 'final'))).toEqual([{ field: 'wishes', message: 'Valeur invalide.' }]);
  });
});

describe('voies en double', () => {
  it.each([
    ['3e', [{ track: '2PRO' }, { track: '2PRO', occupation: 'Menuisier' }], 'Vous avez déjà choisi « 2de professionnelle ».'],
    [
      '2de',
      [{ track: '1T', series: 'STMG' }, { track: '1T-STMG' }],
      'Vous avez déjà choisi « 1re technologique : 1re STMG ».',
    ],
    [
      '2de',
      [
        { track: 'VPRO', vocationalRoute: '1PRO' },
        { track: 'VPRO', vocationalRoute: 'CAP' },
      ],
      'Vous avez déjà choisi « Autre parcours : un accès à la voie professionnelle ».',
    ],
  ] as const)('palier %s : le second vœu identique est signalé', (level, wishes, message) => {
    expect(errorsOf(ranked([...wishes]), ctx(level, 'final'))).toEqual([{ field: 'wishes.1.track', message }]);
  });

  it('deux séries technologiques différentes sont acceptées', () => {
    expect(validateWishes(ranked([{ track: '1T', series: 'STI2D' }, { track: '1T', series: 'STMG' }]), ctx('2de', 'final')).ok).toBe(
      true,
    );
  });
});

describe('rangs', () => {
  it('les vœux sont rendus dans l’ordre des rangs', () => {
    const result = validateWishes(
      [
        { rank: 2, track: 'CAP' },
        { rank: 3, track: '2GT' },
        { rank: '1', track: '2PRO' },
      ],
      ctx('3e', 'provisional'),
    );
    expect(result.ok && result.list.wishes.map((w) => [w.rank, w.track])).toEqual([
      [1, '2PRO'],
      [2, 'CAP'],
      [3, '2GT'],
    ]);
  });

  it.each([
    ['un trou (1, 3)', [1, 3], [{ field: 'wishes.1.rank', message: 'Le rang doit être un nombre entier de 1 à 2.' }]],
    ['un rang en double', [1, 1], [{ field: 'wishes.1.rank', message: 'Le rang 1 est déjà attribué.' }]],
    ['un rang 0', [0, 1], [{ field: 'wishes.0.rank', message: 'Le rang doit être un nombre entier de 1 à 2.' }]],
    ['un rang décimal', [1.5, 2], [{ field: 'wishes.0.rank', message: 'Le rang doit être un nombre entier de 1 à 2.' }]],
    ['un rang absent', [undefined, 2], [{ field: 'wishes.0.rank', message: 'Le rang doit être un nombre entier de 1 à 2.' }]],
  ])('%s est refusé', (_case, ranks, expected) => {
    const wishes = [
      { rank: ranks[0], track: '2GT' },
      { rank: ranks[1], track: 'CAP' },
    ];
    expect(errorsOf(wishes, ctx('3e', 'final'))).toEqual(expected);
  });
});

describe('voie et précisions obligatoires', () => {
  it.each([
    ['3e', { track: '' }, 'wishes.0.track', 'Vous devez sélectionner une voie.'],
    ['3e', {}, 'wishes.0.track', 'Vous devez sélectionner une voie.'],
    ['3e', { track: '2NDE' }, 'wishes.0.track', 'Vous devez sélectionner une voie.'],
    ['3e', { track: '1G', specialties: ['MATHS', 'PC', 'SVT'] }, 'wishes.0.track', "Cette voie n'est pas proposée en fin de 3e."],
    ['2de', { track: '2PRO' }, 'wishes.0.track', "Cette voie n'est pas proposée en fin de 2de."],
    ['3e', { track: '1T', series: 'STMG' }, 'wishes.0.track', "Cette voie n'est pas proposée en fin de 3e."],
    ['2de', { track: '1T' }, 'wishes.0.series', 'Vous devez choisir une série parmi les 8 proposées.'],
    ['2de', { track: '1T', series: '' }, 'wishes.0.series', 'Vous devez choisir une série parmi les 8 proposées.'],
    ['2de', { track: '1T', series: 'STX' }, 'wishes.0.series', 'Vous devez choisir une série parmi les 8 proposées.'],
    ['2de', { track: '1T', series: 'STL' }, 'wishes.0.laboratorySpecialty', 'Vous devez remplir le champ « Spécialité » de la 1re STL.'],
    [
      '2de',
      { track: '1T-STL', laboratorySpecialty: 'chimie' },
      'wishes.0.laboratorySpecialty',
      'Vous devez remplir le champ « Spécialité » de la 1re STL.',
    ],
    [
      '2de',
      { track: 'VPRO' },
      'wishes.0.vocationalRoute',
      'Vous devez préciser : 1re professionnelle, 2de professionnelle ou 1re année de CAP.',
    ],
    [
      '2de',
      { track: 'VPRO', vocationalRoute: 'BTS' },
      'wishes.0.vocationalRoute',
      'Vous devez préciser : 1re professionnelle, 2de professionnelle ou 1re année de CAP.',
    ],
    ['3e', { track: 'CAP', schoolStatus: 'on' }, 'wishes.0.schoolStatus', 'Valeur invalide.'],
    ['3e', { track: '2PRO', apprenticeStatus: 1 }, 'wishes.0.apprenticeStatus', 'Valeur invalide.'],
    ['3e', { track: '2PRO', occupation: 42 }, 'wishes.0.occupation', 'Valeur invalide.'],
  ])('palier %s, %o → %s', (level, wish, field, message) => {
    expect(errorsOf([{ rank: 1, ...wish }], ctx(level as '3e' | '2de', 'final'))).toEqual([{ field, message }]);
  });

  it('la 1re STL avec sa spécialité est acceptée', () => {
    const result = validateWishes([{ rank: 1, track: '1T', series: 'STL', laboratorySpecialty: 'SPCL' }], ctx('2de', 'final'));
    expect(result.ok && result.list.wishes).toEqual([{ rank: 1, track: '1T-STL', laboratorySpecialty: 'SPCL' }]);
  });

  it('l’accès à la voie professionnelle précisé est accepté', () => {
    const result = validateWishes([{ rank: 1, track: 'VPRO', vocationalRoute: 'CAP' }], ctx('2de', 'provisional'));
    expect(result.ok && result.list.wishes).toEqual([{ rank: 1, track: 'VPRO', vocationalRoute: 'CAP' }]);
  });

  it('le métier est facultatif, les statuts non cochés valent « non », les précisions d’autres voies sont ignorées', () => {
    const result = validateWishes(
      [{ rank: 1, track: 'CAP', occupation: '  ', series: 'STL', specialties: ['MATHS'] }],
      ctx('3e', 'provisional'),
    );
    expect(result.ok && result.list.wishes).toEqual([
      { rank: 1, track: 'CAP', occupation: null, schoolStatus: false, apprenticeStatus: false },
    ]);
  });

  it('le métier ou la formation est limité à 200 caractères, espaces autour retirés', () => {
    const at200 = validateWishes([{ rank: 1, track: '2PRO', occupation: ` ${'é'.repeat(200)} ` }], ctx('3e', 'final'));
    expect(at200.ok && at200.list.wishes[0]).toMatchObject({ occupation: 'é'.repeat(200) });
    expect(errorsOf([{ rank: 1, track: '2PRO', occupation: 'é'.repeat(201) }], ctx('3e', 'final'))).toEqual([
      {
        field: 'wishes.0.occupation',
        message: 'Le champ « Métier ou formation » ne doit pas dépasser 200 caractères.',
      },
    ]);
  });

  it('les deux statuts peuvent être cochés ensemble', () => {
    const result = validateWishes(
      [{ rank: 1, track: '2PRO', schoolStatus: true, apprenticeStatus: true }],
      ctx('3e', 'final'),
    );
    expect(result.ok && result.list.wishes[0]).toMatchObject({ schoolStatus: true, apprenticeStatus: true });
  });

  it('toutes les erreurs de tous les vœux sont rendues ensemble', () => {
    const errors = errorsOf(
      [
        { rank: 1, track: '1T' },
        { rank: 1, track: 'VPRO' },
        { rank: 3, track: '1G', specialties: ['MATHS'] },
      ],
      ctx('2de', 'final'),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'wishes.0.series',
      'wishes.1.rank',
      'wishes.1.vocationalRoute',
      'wishes.2.specialties',
    ]);
  });
});

describe('enseignements de spécialité de la 1re générale', () => {
  const general = (specialties: unknown, phase: Phase): FieldError[] =>
    errorsOf([{ rank: 1, track: '1G', specialties }], ctx('2de', phase));
  const FINAL_COUNT = 'Vous devez choisir 3 enseignements de spécialité.';
  const PROVISIONAL_COUNT =
    "Vous devez choisir 4 enseignements de spécialité, ou 5 si l'un d'eux est hors établissement.";
  const FIFTH_ONLY_OUTSIDE = "Vous ne pouvez choisir 5 enseignements de spécialité que si l'un d'eux est hors établissement.";

  it.each([
    ['aucune', [], [FINAL_COUNT]],
    ['2 spécialités', ['MATHS', 'PC'], [FINAL_COUNT]],
    ['3 spécialités de l’établissement', ['MATHS', 'PC', 'SVT'], []],
    ['3 spécialités dont une hors établissement', ['MATHS', 'PC', 'SES'], []],
    ['3 listes dont une laissée vide', ['MATHS', '', 'SVT'], [FINAL_COUNT]],
    ['4 spécialités', ['MATHS', 'PC', 'SVT', 'NSI'], [FINAL_COUNT]],
    ['une spécialité en double', ['MATHS', 'PC', 'MATHS'], ['Vous avez choisi plusieurs fois « Mathématiques ».']],
  ])('choix définitifs : %s', (_case, specialties, messages) => {
    expect(general(specialties, 'final')).toEqual(messages.map((message) => ({ field: 'wishes.0.specialties', message })));
  });

  it.each([
    ['3 spécialités', ['MATHS', 'PC', 'SVT'], [PROVISIONAL_COUNT]],
    ['4 spécialités de l’établissement', ['MATHS', 'PC', 'SVT', 'NSI'], []],
    ['4 spécialités dont une hors établissement', ['MATHS', 'PC', 'SVT', 'SES'], []],
    ['5 spécialités dont une hors établissement', ['MATHS', 'PC', 'SVT', 'NSI', 'SES'], []],
    ['5 spécialités toutes de l’établissement', ['MATHS', 'PC', 'SVT', 'NSI', 'HGGSP'], [FIFTH_ONLY_OUTSIDE]],
    ['6 spécialités', ['MATHS', 'PC', 'SVT', 'NSI', 'SES', 'HLP'], [PROVISIONAL_COUNT]],
    [
      '4 dont une en double',
      ['MATHS', 'PC', 'SVT', 'PC'],
      ['Vous avez choisi plusieurs fois « Physique-chimie ».'],
    ],
  ])('intentions : %s', (_case, specialties, messages) => {
    expect(general(specialties, 'provisional')).toEqual(
      messages.map((message) => ({ field: 'wishes.0.specialties', message })),
    );
  });

  it('une spécialité hors de la liste nationale est refusée, avec les autres erreurs', () => {
    expect(general(['MATHS', 'PC', 'MATHS', 'ASTRO'], 'final')).toEqual([
      { field: 'wishes.0.specialties', message: 'Cet enseignement de spécialité ne fait pas partie de la liste nationale.' },
      { field: 'wishes.0.specialties', message: 'Vous avez choisi plusieurs fois « Mathématiques ».' },
      { field: 'wishes.0.specialties', message: FINAL_COUNT },
    ]);
  });
});

describe('schéma d’un vœu', () => {
  it('relit un vœu enregistré', () => {
    expect(wishDetailsSchema.parse({ track: '1G', specialties: ['MATHS', 'PC', 'SES'] })).toEqual({
      track: '1G',
      specialties: ['MATHS', 'PC', 'SES'],
    });
  });

  it('refuse une série sans préfixe', () => {
    expect(wishDetailsSchema.safeParse({ track: '1T' }).success).toBe(false);
  });
});

describe('récapitulatif d’un vœu', () => {
  it.each([
    [{ track: '2GT' }, '2de générale et technologique ou 2de STHR'],
    [
      { track: 'CAP', occupation: 'Ébéniste', schoolStatus: true, apprenticeStatus: false },
      '1re année de CAP — Métier ou formation : Ébéniste — Sous statut scolaire',
    ],
    [
      { track: '2PRO', occupation: 'Menuisier, charpentier', schoolStatus: true, apprenticeStatus: true },
      "2de professionnelle — Métier ou formation : Menuisier, charpentier — Sous statut scolaire — Sous statut d'apprenti",
    ],
    [{ track: '2PRO', occupation: null, schoolStatus: false, apprenticeStatus: false }, '2de professionnelle'],
    [
      { track: '1G', specialties: ['MATHS', 'PC', 'SES'] },
      '1re générale — Enseignements de spécialité choisis : Mathématiques, Physique-chimie, Sciences économiques et sociales (hors établissement)',
    ],
    [{ track: '1T-STI2D' }, '1re technologique : 1re STI2D'],
    [
      { track: '1T-STL', laboratorySpecialty: 'SPCL' },
      '1re technologique : 1re STL — Spécialité : sciences physiques et chimiques en laboratoire',
    ],
    [{ track: 'BTMM' }, '1re préparant au brevet de technicien « métiers de la musique »'],
    [
      { track: 'VPRO', vocationalRoute: '1PRO' },
      'Autre parcours : un accès à la voie professionnelle — 1re professionnelle',
    ],
  ] as const)('%o se récapitule « %s »', (wish, text) => {
    expect(wishSummaryText(wish as never, OFFER)).toBe(text);
  });

  it('donne le titre et une ligne par précision', () => {
    expect(
      summarizeWish({ track: 'CAP', occupation: 'Ébéniste', schoolStatus: true, apprenticeStatus: false }, OFFER),
    ).toEqual({ title: '1re année de CAP', lines: ['Métier ou formation : Ébéniste', 'Sous statut scolaire'] });
  });
});
