import { toLocalDate } from './dates.js';

/** The school year under way at an instant, by its first calendar year: 2026 for 2026–2027 (it turns on 1 August). */
export function schoolYearAt(instant: Date, timeZone: string): number {
  const { year, month } = toLocalDate(instant, timeZone);
  return month >= 8 ? year : year - 1;
}

/** The palier a school's campaign is about: collèges orient at the end of 3e, lycées at the end of 2de. */
export function levelOfSchool(kind: 'college' | 'lycee'): '3e' | '2de' {
  return kind === 'college' ? '3e' : '2de';
}
