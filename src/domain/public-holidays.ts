import { addDays, sameLocalDate, type LocalDate } from './local-date.js';

export interface PublicHoliday {
  readonly date: LocalDate;
  readonly name: string;
}

/** Easter Sunday in the Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The eleven national public holidays (jours fériés) of a year, in date order. */
export function frenchPublicHolidays(year: number): readonly PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string): PublicHoliday => ({ date: { year, month, day }, name });
  const holidays: PublicHoliday[] = [
    fixed(1, 1, "Jour de l'an"),
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    fixed(5, 1, 'Fête du Travail'),
    fixed(5, 8, 'Victoire 1945'),
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    fixed(7, 14, 'Fête nationale'),
    fixed(8, 15, 'Assomption'),
    fixed(11, 1, 'Toussaint'),
    fixed(11, 11, 'Armistice 1918'),
    fixed(12, 25, 'Noël'),
  ];
  return holidays.sort((x, y) => x.date.month - y.date.month || x.date.day - y.date.day);
}

export function isFrenchPublicHoliday(date: LocalDate): boolean {
  return frenchPublicHolidays(date.year).some((holiday) => sameLocalDate(holiday.date, date));
}
