/** A calendar date with no time zone (a day as people read it on a wall calendar). */
export interface LocalDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

/** A wall-clock date and time with no time zone. */
export interface LocalDateTime extends LocalDate {
  readonly hour: number; // 0–23
  readonly minute: number; // 0–59
}

const DAY_MS = 86_400_000;

function utcMidnight(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function fromUtcMidnight(ms: number): LocalDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isValidLocalDate(date: LocalDate): boolean {
  if (![date.year, date.month, date.day].every(Number.isInteger)) return false;
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const back = fromUtcMidnight(utcMidnight(date));
  return back.year === date.year && back.month === date.month && back.day === date.day;
}

export function isValidLocalDateTime(value: LocalDateTime): boolean {
  return (
    isValidLocalDate(value) &&
    Number.isInteger(value.hour) &&
    Number.isInteger(value.minute) &&
    value.hour >= 0 &&
    value.hour <= 23 &&
    value.minute >= 0 &&
    value.minute <= 59
  );
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getDay`. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return utcMidnight(a) - utcMidnight(b);
}

export function sameLocalDate(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD`, the value of an `<input type="date">`. */
export function toIsoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** Reads `YYYY-MM-DD`; null when it is not a real date. */
export function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidLocalDate(date) ? date : null;
}

/** Reads `YYYY-MM-DD` and `HH:MM` (the values of date and time inputs); null when either is invalid. */
export function parseLocalDateTime(date: string, time: string): LocalDateTime | null {
  const day = parseIsoDate(date);
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!day || !match) return null;
  const value = { ...day, hour: Number(match[1]), minute: Number(match[2]) };
  return isValidLocalDateTime(value) ? value : null;
}
