import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  endOfLocalDay,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatTime,
  instantFromLocal,
  isValidTimeZone,
  isWorkingDay,
  parseIsoDate,
  parseLocalDateTime,
  toDateInputValue,
  toLocalDateTime,
  toTimeInputValue,
  workingDaysDeadline,
} from '../../../src/domain/dates.js';
import { easterSunday, frenchPublicHolidays, isFrenchPublicHoliday } from '../../../src/domain/public-holidays.js';

const PARIS = 'Europe/Paris';
const CAYENNE = 'America/Cayenne';
const NOUMEA = 'Pacific/Noumea';

describe('affichage des dates dans le fuseau de l’académie', () => {
  const instant = new Date('2023-05-30T21:59:00Z');

  it('une fermeture à 23 h 59 à Paris s’affiche « 30/05/2023 à 23 h 59 »', () => {
    expect(formatDateTime(instant, PARIS)).toBe('30/05/2023 à 23 h 59');
    expect(formatDate(instant, PARIS)).toBe('30/05/2023');
    expect(formatDayMonth(instant, PARIS)).toBe('30/05');
    expect(formatTime(instant, PARIS)).toBe('23 h 59');
  });

  it('le même instant s’affiche à l’heure de Cayenne et de Nouméa', () => {
    expect(formatDateTime(instant, CAYENNE)).toBe('30/05/2023 à 18 h 59');
    expect(formatDateTime(instant, NOUMEA)).toBe('31/05/2023 à 08 h 59');
  });

  it('minuit s’affiche 00 h 00, jamais 24 h 00', () => {
    expect(formatDateTime(new Date('2023-05-30T22:00:00Z'), PARIS)).toBe('31/05/2023 à 00 h 00');
  });

  it('préremplit les champs date et heure dans le fuseau', () => {
    expect(toDateInputValue(instant, NOUMEA)).toBe('2023-05-31');
    expect(toTimeInputValue(instant, NOUMEA)).toBe('08:59');
  });

  it('reconnaît un fuseau IANA et refuse un nom inconnu', () => {
    expect(isValidTimeZone(CAYENNE)).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });
});

describe('heure locale saisie par l’établissement → instant', () => {
  it.each([
    [PARIS, { year: 2027, month: 1, day: 15, hour: 23, minute: 59 }, '2027-01-15T22:59:00.000Z'],
    [PARIS, { year: 2027, month: 5, day: 30, hour: 23, minute: 59 }, '2027-05-30T21:59:00.000Z'],
    [CAYENNE, { year: 2027, month: 5, day: 30, hour: 23, minute: 59 }, '2027-05-31T02:59:00.000Z'],
    [NOUMEA, { year: 2027, month: 5, day: 30, hour: 23, minute: 59 }, '2027-05-30T12:59:00.000Z'],
  ])('à %s, %o est l’instant %s', (timeZone, local, iso) => {
    const instant = instantFromLocal(local, timeZone);
    expect(instant.toISOString()).toBe(iso);
    expect(toLocalDateTime(instant, timeZone)).toEqual(local);
  });

  it('une heure sautée au passage à l’heure d’été (02 h 30 à Paris) devient 03 h 30', () => {
    const instant = instantFromLocal({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, PARIS);
    expect(instant.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(formatTime(instant, PARIS)).toBe('03 h 30');
  });

  it('une heure répétée au passage à l’heure d’hiver se lit à sa première occurrence', () => {
    expect(instantFromLocal({ year: 2027, month: 10, day: 31, hour: 2, minute: 30 }, PARIS).toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
  });

  it('lit les valeurs des champs date et heure, et refuse une date impossible', () => {
    expect(parseLocalDateTime('2027-03-12', '17:00')).toEqual({ year: 2027, month: 3, day: 12, hour: 17, minute: 0 });
    expect(parseLocalDateTime('2027-02-30', '17:00')).toBeNull();
    expect(parseLocalDateTime('2027-03-12', '24:00')).toBeNull();
    expect(parseLocalDateTime('12/03/2027', '17:00')).toBeNull();
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseIsoDate('2027-02-29')).toBeNull();
  });

  it('la fin d’une journée locale est la dernière milliseconde avant minuit dans le fuseau', () => {
    expect(endOfLocalDay({ year: 2027, month: 6, day: 14 }, CAYENNE).toISOString()).toBe('2027-06-15T02:59:59.999Z');
  });
});

describe('jours fériés et jours ouvrables', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Pâques %i tombe le %s', (year, iso) => {
    expect(easterSunday(year)).toEqual(parseIsoDate(iso));
  });

  it('2027 compte onze jours fériés nationaux, dont lundi de Pâques, Ascension et lundi de Pentecôte', () => {
    const holidays = frenchPublicHolidays(2027).map((h) => `${h.date.day}/${h.date.month} ${h.name}`);
    expect(holidays).toEqual([
      "1/1 Jour de l'an",
      '29/3 Lundi de Pâques',
      '1/5 Fête du Travail',
      '6/5 Ascension',
      '8/5 Victoire 1945',
      '17/5 Lundi de Pentecôte',
      '14/7 Fête nationale',
      '15/8 Assomption',
      '1/11 Toussaint',
      '11/11 Armistice 1918',
      '25/12 Noël',
    ]);
    expect(isFrenchPublicHoliday({ year: 2027, month: 5, day: 17 })).toBe(true);
    expect(isFrenchPublicHoliday({ year: 2027, month: 5, day: 18 })).toBe(false);
  });

  it('le samedi est ouvrable, le dimanche et les jours fériés ne le sont pas', () => {
    expect(isWorkingDay({ year: 2027, month: 6, day: 5 })).toBe(true); // samedi
    expect(isWorkingDay({ year: 2027, month: 6, day: 6 })).toBe(false); // dimanche
    expect(isWorkingDay({ year: 2027, month: 7, day: 14 })).toBe(false); // mercredi férié
  });

  it.each([
    ['jeudi → lundi (le samedi compte, le dimanche non)', '2027-06-03', '2027-06-07'],
    ['mercredi avant l’Ascension et le 8 mai', '2027-05-05', '2027-05-11'],
    ['vendredi avant le lundi de Pentecôte', '2027-05-14', '2027-05-19'],
    ['veille de Noël', '2027-12-23', '2027-12-28'],
  ])('3 jours ouvrables après un %s', (_case, from, expected) => {
    expect(addWorkingDays(parseIsoDate(from)!, 3)).toEqual(parseIsoDate(expected));
  });

  it('un jour férié local s’ajoute aux jours fériés nationaux', () => {
    const abolition = { year: 2027, month: 6, day: 10 };
    expect(addWorkingDays({ year: 2027, month: 6, day: 9 }, 1, { extraHolidays: [abolition] })).toEqual({
      year: 2027,
      month: 6,
      day: 11,
    });
  });

  it('le délai d’appel se compte en jours locaux : la même décision n’a pas la même échéance à Cayenne et à Paris', () => {
    const decidedAt = new Date('2027-06-11T02:30:00Z'); // jeudi 10/06 23 h 30 à Cayenne, vendredi 11/06 04 h 30 à Paris
    const cayenne = workingDaysDeadline(decidedAt, CAYENNE);
    const paris = workingDaysDeadline(decidedAt, PARIS);
    expect(formatDateTime(cayenne, CAYENNE)).toBe('14/06/2027 à 23 h 59');
    expect(formatDateTime(paris, PARIS)).toBe('15/06/2027 à 23 h 59');
  });
});
