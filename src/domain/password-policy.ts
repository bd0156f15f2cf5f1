import { COMMON_PASSWORDS, COMMON_STEMS } from './common-passwords.js';

// ANSSI's recommendation: length matters more than composition. No forced mix of character
// classes and no periodic renewal; any character is allowed, spaces too (a passphrase is welcome);
// but the passwords everybody tries first are refused: the commonest whole passwords, a common
// word or name with digits and signs around it (« Soleil2027! », « m0tdep@sse-12 »), one short
// pattern repeated, a run of the keyboard or the alphabet, and the person's own identifier.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const compact = (text: string) => text.replace(/[\s._\-'’]+/gu, '');

const PASSWORDS = new Set(COMMON_PASSWORDS.flatMap((password) => [fold(password), compact(fold(password))]));
const STEMS = new Set(COMMON_STEMS.map((stem) => compact(fold(stem))));
// What people type for letters: « p@ssw0rd », « m0td3p4ss3 ».
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '€': 'e', '!': 'i', '|': 'l' };
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  '1234567890azertyuiopqsdfghjklmwxcvbn',
  '1234567890qwertyuiopasdfghjklzxcvbnm',
];
const REVERSED_RUNS = RUNS.map((run) => [...run].reverse().join(''));

/** The password is a common word with only digits and signs around it (leetspeak undone). */
function isDecoratedStem(text: string): boolean {
  const stem = text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (stem.length === 0) return true; // nothing but digits and signs
  const candidates = new Set([stem, [...stem].map((c) => LEET[c] ?? c).join(''), [...text].map((c) => LEET[c] ?? c).join('').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')]);
  for (const candidate of candidates) {
    if (STEMS.has(candidate)) return true;
    // Two common words glued together (« motdepassesoleil », « jetaimemaman »).
    for (let cut = 2; cut < candidate.length - 1; cut++) {
      if (STEMS.has(candidate.slice(0, cut)) && STEMS.has(candidate.slice(cut))) return true;
    }
  }
  return false;
}

/** One short pattern said again and again: « abcabcabcabc », « soleilsoleil », « 12341234abab » is not. */
function isRepetition(text: string): boolean {
  const characters = [...text];
  if (new Set(characters).size <= 3) return true;
  for (let unit = 1; unit <= characters.length / 2; unit++) {
    if (characters.length % unit !== 0) continue;
    const pattern = characters.slice(0, unit).join('');
    if (pattern.repeat(characters.length / unit) === text) return true;
  }
  return false;
}

const isRun = (text: string) => text.length >= 6 && [...RUNS, ...REVERSED_RUNS].some((run) => run.includes(text));

export type PasswordProblem = { message: string };

/** Why a new password is refused, or null when it is acceptable. */
export function checkNewPassword(password: string, context: { login: string; currentPassword?: string }): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return { message: `Le nouveau mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.` };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return { message: `Le nouveau mot de passe doit contenir au plus ${MAX_PASSWORD_LENGTH} caractères.` };
  }
  const folded = fold(password.normalize('NFKC'));
  const squeezed = compact(folded);
  if (PASSWORDS.has(folded) || PASSWORDS.has(squeezed) || isRepetition(squeezed) || isRun(squeezed) || isDecoratedStem(squeezed)) {
    return { message: 'Ce mot de passe est trop courant ou trop facile à deviner. Choisissez-en un autre, par exemple une phrase de plusieurs mots.' };
  }
  const login = compact(fold(context.login.normalize('NFKC')));
  if (login.length > 0 && (squeezed.includes(login) || squeezed.includes(login.replace(/\./g, '')))) {
    return { message: 'Le nouveau mot de passe ne doit pas contenir votre identifiant.' };
  }
  if (context.currentPassword !== undefined && password === context.currentPassword) {
    return { message: 'Le nouveau mot de passe doit être différent de l’ancien.' };
  }
  return null;
}
