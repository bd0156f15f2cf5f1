// Identifiers and provisional passwords handed out on paper: easy to read aloud and to type on a phone.

/** `prenom.nom` in lower-case ASCII letters, as the base of an identifier. */
export function loginBase(firstName: string, lastName: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const base = [ascii(firstName), ascii(lastName)].filter(Boolean).join('.').slice(0, 50);
  return base.length >= 3 ? base : `compte.${base || 'sans-nom'}`;
}

/** The first free identifier: `base`, then `base2`, `base3`… */
export function firstFreeLogin(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// No 0/o, 1/l/i: nothing to confuse on a printed letter.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Twelve characters in three groups (« kx7m-p3vr-9tqe »), from the given random bytes (12 or more). */
export function provisionalPassword(randomBytes: Uint8Array): string {
  if (randomBytes.length < 12) throw new RangeError('12 random bytes are needed');
  let text = '';
  for (let index = 0; index < 12; index++) {
    // 256 is not a multiple of 31: the tiny bias is irrelevant for a password that must be changed at first login.
    text += PASSWORD_ALPHABET[randomBytes[index]! % PASSWORD_ALPHABET.length];
    if (index === 3 || index === 7) text += '-';
  }
  return text;
}

/** A French UAI: 7 digits and a letter (« 0751234A »). */
export function normaliseUai(raw: string): string | null {
  const uai = raw.replace(/\s+/g, '').toUpperCase();
  return /^[0-9]{7}[A-Z]$/.test(uai) ? uai : null;
}
