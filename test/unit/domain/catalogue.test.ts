import { describe, expect, it } from 'vitest';
import {
  LABORATORY_SPECIALTIES,
  SPECIALTIES,
  SPECIALTY_CODES,
  TRACK_CODES,
  VOCATIONAL_DETAILS,
  VOCATIONAL_ROUTES,
  isTrackCode,
  specialtyChoices,
  specialtyLabel,
  trackDefinition,
  trackLabel,
  tracksForLevel,
  type TrackCode,
} from '../../../src/domain/catalogue.js';

describe('catalogue des voies', () => {
  it.each<[TrackCode, string]>([
    ['2GT', '2de générale et technologique ou 2de STHR'],
    ['2PRO', '2de professionnelle'],
    ['CAP', '1re année de CAP'],
    ['1G', '1re générale'],
    ['1T-STAV', '1re technologique : 1re STAV'],
    ['1T-STD2A', '1re technologique : 1re STD2A'],
    ['1T-STHR', '1re technologique : 1re STHR'],
    ['1T-STI2D', '1re technologique : 1re STI2D'],
    ['1T-STL', '1re technologique : 1re STL'],
    ['1T-STMG', '1re technologique : 1re STMG'],
    ['1T-ST2S', '1re technologique : 1re ST2S'],
    ['1T-S2TMD', '1re technologique : 1re S2TMD'],
    ['BTMM', '1re préparant au brevet de technicien « métiers de la musique »'],
    ['VPRO', 'Autre parcours : un accès à la voie professionnelle'],
  ])('la voie %s s’affiche « %s »', (code, label) => {
    expect(trackLabel(code)).toBe(label);
  });

  it('le palier 3e propose exactement 2GT, 2PRO et CAP, dans cet ordre', () => {
    expect(tracksForLevel('3e').map((t) => t.code)).toEqual(['2GT', '2PRO', 'CAP']);
  });

  it('le palier 2de propose la 1re générale, les huit séries, le BT métiers de la musique et l’accès à la voie pro', () => {
    expect(tracksForLevel('2de').map((t) => t.code)).toEqual([
      '1G',
      '1T-STAV',
      '1T-STD2A',
      '1T-STHR',
      '1T-STI2D',
      '1T-STL',
      '1T-STMG',
      '1T-ST2S',
      '1T-S2TMD',
      'BTMM',
      'VPRO',
    ]);
    expect(TRACK_CODES).toHaveLength(14);
  });

  it('la 2de GT explique le sigle STHR', () => {
    expect(trackDefinition('2GT').help).toBe("STHR : Sciences et Technologies de l'Hôtellerie et de la Restauration");
  });

  it('chaque série technologique a son libellé court « 1re <série> » pour la liste des séries', () => {
    expect(trackDefinition('1T-STI2D').seriesLabel).toBe('1re STI2D');
    expect(trackDefinition('1G').seriesLabel).toBeNull();
  });

  it.each<[TrackCode, string]>([
    ['2GT', 'none'],
    ['2PRO', 'vocational'],
    ['CAP', 'vocational'],
    ['1G', 'specialties'],
    ['1T-STL', 'laboratorySpecialty'],
    ['1T-STMG', 'none'],
    ['BTMM', 'none'],
    ['VPRO', 'vocationalRoute'],
  ])('la voie %s demande les précisions « %s »', (code, details) => {
    expect(trackDefinition(code).details).toBe(details);
  });

  it('reconnaît les codes de voie et refuse le reste', () => {
    expect(isTrackCode('1T-STL')).toBe(true);
    expect(isTrackCode('1T')).toBe(false);
    expect(isTrackCode('1T-STX')).toBe(false);
    expect(isTrackCode(3)).toBe(false);
  });

  it('les précisions de la voie professionnelle reprennent les libellés et explications du guide', () => {
    expect(VOCATIONAL_DETAILS.occupationLabel).toBe('Métier ou formation');
    expect(VOCATIONAL_DETAILS.schoolStatus.label).toBe('Sous statut scolaire');
    expect(VOCATIONAL_DETAILS.apprenticeStatus.label).toBe("Sous statut d'apprenti");
    expect(VOCATIONAL_DETAILS.schoolStatus.explanation).toMatch(/^statut scolaire : votre enfant reste élève ;/);
    expect(VOCATIONAL_DETAILS.apprenticeStatus.explanation).toContain(
      "Son temps de formation est partagé entre le CFA et l'entreprise.",
    );
  });

  it('l’accès à la voie professionnelle se précise en 1re professionnelle, 2de professionnelle ou 1re année de CAP', () => {
    expect(VOCATIONAL_ROUTES.map((r) => r.label)).toEqual([
      '1re professionnelle',
      '2de professionnelle',
      '1re année de CAP',
    ]);
  });

  it('la 1re STL se précise en biotechnologies ou sciences physiques et chimiques en laboratoire', () => {
    expect(LABORATORY_SPECIALTIES.map((s) => s.label)).toEqual([
      'biotechnologies',
      'sciences physiques et chimiques en laboratoire',
    ]);
  });
});

describe('enseignements de spécialité', () => {
  it('ont chacun un code unique', () => {
    expect(new Set(SPECIALTY_CODES).size).toBe(SPECIALTY_CODES.length);
  });

  it.each([
    ['MATHS', 'Mathématiques'],
    ['PC', 'Physique-chimie'],
    ['SES', 'Sciences économiques et sociales'],
    ['SVT', 'Sciences de la vie et de la Terre'],
    ['SI', "Sciences de l'ingénieur"],
    ['NSI', 'Numérique et sciences informatiques'],
    ['HGGSP', 'Histoire-géographie, géopolitique et sciences politiques'],
    ['HLP', 'Humanités, littérature et philosophie'],
    ['EPPCS', 'Éducation physique, pratiques et culture sportives'],
    ['BIOECO', 'Biologie-écologie'],
    ['AMC', 'Anglais, monde contemporain'],
    ['LLCER-ANG', 'Langues, littératures et cultures étrangères et régionales : anglais'],
    ['LLCER-BRE', 'Langues, littératures et cultures étrangères et régionales : breton'],
    ['LLCA-LAT', "Littérature et langues et cultures de l'Antiquité : latin"],
    ['LLCA-GRC', "Littérature et langues et cultures de l'Antiquité : grec"],
    ['ARTS-CAV', 'Arts : cinéma-audiovisuel'],
  ] as const)('%s s’appelle « %s » quand l’établissement l’enseigne', (code, label) => {
    expect(specialtyLabel(code, new Set([code]))).toBe(label);
  });

  it('les arts se déclinent en six domaines', () => {
    expect(SPECIALTIES.filter((s) => s.family === 'Arts').map((s) => s.label)).toEqual([
      'Arts : arts plastiques',
      'Arts : cinéma-audiovisuel',
      'Arts : danse',
      'Arts : histoire des arts',
      'Arts : musique',
      'Arts : théâtre',
    ]);
  });

  it('une spécialité que l’établissement n’enseigne pas est marquée « (hors établissement) »', () => {
    expect(specialtyLabel('SI', new Set(['MATHS']))).toBe("Sciences de l'ingénieur (hors établissement)");
    expect(specialtyLabel('MATHS', new Set(['MATHS']))).toBe('Mathématiques');
  });

  it('la liste de choix présente d’abord les spécialités de l’établissement, puis les autres marquées hors établissement', () => {
    const choices = specialtyChoices(new Set(['SES', 'MATHS']));
    expect(choices.slice(0, 2)).toEqual([
      { code: 'MATHS', label: 'Mathématiques', offered: true },
      { code: 'SES', label: 'Sciences économiques et sociales', offered: true },
    ]);
    expect(choices).toHaveLength(SPECIALTY_CODES.length);
    expect(choices.slice(2).every((c) => !c.offered && c.label.endsWith(' (hors établissement)'))).toBe(true);
  });
});
