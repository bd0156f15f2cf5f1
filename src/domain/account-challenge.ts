// Proving who one is without a letter from the school: a 6-digit code sent by SMS to the mobile
// number the school imported, or a link sent by e-mail to the known address; then, to activate an
// account, the birth date of each child. Pure rules: lengths, lifetimes, tries, rate limits, the
// state of a challenge at an instant, and the dates as families type them.

export const CODE_LENGTH = 6;
/** A code sent by SMS is valid this long. */
export const CODE_TTL_MS = 10 * 60 * 1000;
/** A link sent by e-mail is valid this long. */
export const LINK_TTL_MS = 30 * 60 * 1000;
/** Once the code or the link is checked, the next steps (birth dates, password) stay open this long. */
export const FLOW_TTL_MS = 30 * 60 * 1000;
export const MAX_CODE_TRIES = 3;
export const MAX_BIRTH_DATE_TRIES = 3;

const HOUR = 60 * 60 * 1000;
/** Codes or links asked for one number or address, and from one client address. */
export const RATE_LIMITS = {
  destinationPerHour: 3,
  destinationPerDay: 5,
  clientPerHour: 10,
  hourMs: HOUR,
  dayMs: 24 * HOUR,
} as const;

export type RecentRequests = { destinationLastHour: number; destinationLastDay: number; clientLastHour: number };

/** Whether one more code or link may be sent; counted on every request, matched or not, so that a limit reveals nothing. */
export function rateLimitVerdict(recent: RecentRequests): 'ok' | 'destination' | 'client' {
  if (recent.destinationLastHour >= RATE_LIMITS.destinationPerHour || recent.destinationLastDay >= RATE_LIMITS.destinationPerDay) return 'destination';
  if (recent.clientLastHour >= RATE_LIMITS.clientPerHour) return 'client';
  return 'ok';
}

/** `n` (0 ≤ n < 10⁶) as the six digits a person types. */
export function formatCode(n: number): string {
  return String(Math.trunc(Math.abs(n)) % 10 ** CODE_LENGTH).padStart(CODE_LENGTH, '0');
}

/** What a person typed as a code, spaces dropped (« 123 456 »), or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/[\s.\-]/g, '');
  return new RegExp(`^[0-9]{${CODE_LENGTH}}$`).test(digits) ? digits : null;
}

export type ChallengeFacts = {
  expiresAt: Date;
  createdAt: Date;
  verifiedAt: Date | null;
  usedAt: Date | null;
  codeFailures: number;
  birthDateFailures: number;
};

/**
 * Where a challenge stands: `waiting` for its code or link, `verified` (code or link checked),
 * `dead` (too many tries, expired, or used: the person starts again).
 */
export function challengeState(facts: ChallengeFacts, now: Date): 'waiting' | 'verified' | 'dead' {
  if (facts.usedAt) return 'dead';
  if (facts.codeFailures >= MAX_CODE_TRIES || facts.birthDateFailures >= MAX_BIRTH_DATE_TRIES) return 'dead';
  if (facts.verifiedAt) return now.getTime() - facts.verifiedAt.getTime() < FLOW_TTL_MS ? 'verified' : 'dead';
  return now.getTime() < facts.expiresAt.getTime() ? 'waiting' : 'dead';
}

export function triesLeft(codeFailures: number): number {
  return Math.max(0, MAX_CODE_TRIES - codeFailures);
}

/** « 14/05/2012 », « 14/5/2012 », « 14.05.2012 » or the date input's « 2012-05-14 » → « 2012-05-14 »; null when it is no calendar day. */
export function parseBirthDate(input: string): string | null {
  const text = input.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let year: number, month: number, day: number;
  if (match) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(text);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every child's date as typed matches the one the school holds (all or nothing: the person is not told which). */
export function birthDatesMatch(expected: ReadonlyArray<{ pupilId: number; birthDate: string }>, typed: ReadonlyMap<number, string | null>): boolean {
  return expected.length > 0 && expected.every((child) => typed.get(child.pupilId) === child.birthDate);
}

/** « nom@exemple.fr » (with an @) is an e-mail address; anything else is read as a mobile number. */
export function isEmailAddress(input: string): boolean {
  return input.includes('@');
}

/** An e-mail address as it is compared and counted: trimmed, lower-case; null when it does not look like one. */
export function normaliseEmail(input: string): string | null {
  const address = input.trim().toLowerCase();
  const part = '[^\\s@<>"\\u0000-\\u001f\\u007f]';
  return new RegExp(`^${part}{1,64}@${part}+\\.${part}{2,}$`).test(address) && address.length <= 254 ? address : null;
}

export const CHALLENGE_MESSAGES = {
  wrongCode: (left: number) => `Le code saisi est incorrect. Il vous reste ${left} essai${left > 1 ? 's' : ''}.`,
  dead: 'Ce code n’est plus valable. Demandez un nouveau code, ou contactez l’établissement de votre enfant.',
  deadLink: 'Ce lien n’est plus valable : il a déjà servi, ou il a expiré (il est valable 30 minutes). Faites une nouvelle demande, ou contactez l’établissement de votre enfant.',
  wrongBirthDate: 'Une date de naissance ne correspond pas. Vérifiez-les, ou contactez l’établissement.',
  missingBirthDate:
    'L’établissement n’a pas enregistré la date de naissance de chacun de vos enfants : l’activation par SMS n’est pas possible. Contactez l’établissement de votre enfant, qui vous remettra un identifiant et un mot de passe provisoire.',
  tooManyForDestination: (channel: 'sms' | 'email') =>
    `Trop de demandes de code pour ${channel === 'sms' ? 'ce numéro' : 'cette adresse'}. Réessayez plus tard ou contactez l’établissement de votre enfant.`,
  tooManyForClient: 'Trop de demandes de code depuis cette connexion. Réessayez plus tard ou contactez l’établissement de votre enfant.',
  restart: 'Votre demande n’est plus en cours (elle a expiré ou a été faite depuis un autre navigateur). Recommencez depuis le début.',
} as const;

/** The SMS itself: one message of the GSM alphabet (a straight apostrophe: « ’ » would halve its length). */
export function verificationSmsText(code: string, purpose: 'activation' | 'recovery'): string {
  return `Orientation : votre code ${purpose === 'activation' ? "d'activation" : 'de vérification'} est ${code}. Il est valable 10 minutes. Ne le communiquez à personne.`;
}
