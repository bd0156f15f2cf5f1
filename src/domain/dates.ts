import {
  addDays,
  dayOfWeek,
  isValidLocalDateTime,
  sameLocalDate,
  toIsoDate,
  type LocalDate,
  type LocalDateTime,
} from './local-date.js';
import { isFrenchPublicHoliday } from './public-holidays.js';

export type { LocalDate, LocalDateTime } from './local-date.js';
export { parseIsoDate, parseLocalDateTime, toIsoDate } from './local-date.js';

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends LocalDateTime {
  readonly second: number;
}

function wallClockAt(instant: Date, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
  };
}

/** The wall-clock date and time of an instant in a time zone. */
export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const { year, month, day, hour, minute } = wallClockAt(instant, timeZone);
  return { year, month, day, hour, minute };
}

/** The calendar date of an instant in a time zone. */
export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `instant`. */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClockAt(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

function sameWallMinute(a: LocalDateTime, b: LocalDateTime): boolean {
  return sameLocalDate(a, b) && a.hour === b.hour && a.minute === b.minute;
}

/**
 * The instant at which the wall clock of `timeZone` shows `local`.
 * A time repeated when clocks go back resolves to its first occurrence; a time
 * skipped when clocks go forward resolves to the same duration after the jump
 * (02:30 on a spring-forward night in Paris becomes 03:30), like Temporal's
 * "compatible" disambiguation.
 */
export function instantFromLocal(local: LocalDateTime, timeZone: string): Date {
  if (!isValidLocalDateTime(local)) throw new RangeError(`Invalid local date-time: ${JSON.stringify(local)}`);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const matches = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wall - offset)
    .filter((epoch) => sameWallMinute(toLocalDateTime(new Date(epoch), timeZone), local));
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(wall - offsetBefore);
}

/** The first instant of a calendar day in a time zone. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return instantFromLocal({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** The last millisecond of a calendar day in a time zone (shown as « 23 h 59 »). */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** « 30/05/2023 » */
export function formatDate(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** « 30/05 » */
export function formatDayMonth(instant: Date, timeZone: string): string {
  const { month, day } = wallClockAt(instant, timeZone);
  return `${pad2(day)}/${pad2(month)}`;
}

/** « 23 h 59 » */
export function formatTime(instant: Date, timeZone: string): string {
  const { hour, minute } = wallClockAt(instant, timeZone);
  return `${pad2(hour)} h ${pad2(minute)}`;
}

/** « 30/05/2023 à 23 h 59 » */
export function formatDateTime(instant: Date, timeZone: string): string {
  return `${formatDate(instant, timeZone)} à ${formatTime(instant, timeZone)}`;
}

/** `YYYY-MM-DD` in the time zone, to prefill an `<input type="date">`. */
export function toDateInputValue(instant: Date, timeZone: string): string {
  return toIsoDate(toLocalDate(instant, timeZone));
}

/** `HH:MM` in the time zone, to prefill an `<input type="time">`. */
export function toTimeInputValue(instant: Date, timeZone: string): string {
  const { hour, minute } = wallClockAt(instant, timeZone);
  return `${pad2(hour)}:${pad2(minute)}`;
}

export interface WorkingDayOptions {
  /** Local public holidays on top of the national ones (e.g. abolition of slavery day overseas). */
  readonly extraHolidays?: readonly LocalDate[];
}

/** A « jour ouvrable »: every day but Sunday and public holidays. */
export function isWorkingDay(date: LocalDate, options: WorkingDayOptions = {}): boolean {
  if (dayOfWeek(date) === 0) return false;
  if (isFrenchPublicHoliday(date)) return false;
  return !(options.extraHolidays ?? []).some((holiday) => sameLocalDate(holiday, date));
}

/** The n-th jour ouvrable after `date` (the day itself does not count). */
export function addWorkingDays(date: LocalDate, workingDays: number, options: WorkingDayOptions = {}): LocalDate {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError('workingDays must be a natural number');
  let current = date;
  let counted = 0;
  while (counted < workingDays) {
    current = addDays(current, 1);
    if (isWorkingDay(current, options)) counted += 1;
  }
  return current;
}

/** The appeal against the head's decision is lodged within 3 jours ouvrables. */
export const APPEAL_WORKING_DAYS = 3;

/**
 * The last instant to act, `workingDays` jours ouvrables after the local day of
 * `from`: the end of that day in the time zone.
 */
export function workingDaysDeadline(
  from: Date,
  timeZone: string,
  workingDays: number = APPEAL_WORKING_DAYS,
  options: WorkingDayOptions = {},
): Date {
  return endOfLocalDay(addWorkingDays(toLocalDate(from, timeZone), workingDays, options), timeZone);
}
