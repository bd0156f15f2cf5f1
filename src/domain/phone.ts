// Mobile numbers as families type them and as schools import them: « 06 12 34 56 78 »,
// « +33 6 12 34 56 78 », « 0033612345678 », « 0692 12 34 56 » (La Réunion) or « +262 692 12 34 56 ».
// Both sides are brought to the international form (E.164) before they are compared.

/** Overseas mobile prefixes dialled from France with a 0, and their country codes. */
const OVERSEAS_MOBILE_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['0690', '590'], // Guadeloupe, Saint-Martin, Saint-Barthélemy
  ['0691', '590'],
  ['0694', '594'], // Guyane
  ['0696', '596'], // Martinique
  ['0697', '596'],
  ['0692', '262'], // La Réunion
  ['0693', '262'],
  ['0639', '262'], // Mayotte
];

/**
 * The number in international form (`+33612345678`), or null when it is not a number a text
 * message can reach: a French number must be a mobile (06, 07 or an overseas mobile).
 */
export function normaliseMobileNumber(input: string): string | null {
  let digits = input.trim().replace(/[\s.\-()/]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (/^0\d{9}$/.test(digits)) {
    const overseas = OVERSEAS_MOBILE_PREFIXES.find(([prefix]) => digits.startsWith(prefix));
    digits = overseas ? `+${overseas[1]}${digits.slice(1)}` : `+33${digits.slice(1)}`;
  }
  if (!/^\+[1-9]\d{7,14}$/.test(digits)) return null;
  // « +33 0 6… »: the trunk 0 kept after the country code.
  const french = /^\+(33|262|590|594|596)0(\d{9})$/.exec(digits);
  if (french) digits = `+${french[1]}${french[2]}`;
  if (digits.startsWith('+33') && !/^\+33[67]\d{8}$/.test(digits)) return null;
  return digits;
}

/** The last nine digits: how a stored number is looked up (an index on the same expression, migration 0008). */
export function mobileNumberTail(international: string): string {
  return international.replace(/\D/g, '').slice(-9);
}

/** « +33 6 12 34 56 78 » → « 06 •• •• •• 78 »: enough for a person to recognise their number, not to learn it. */
export function maskedMobileNumber(international: string): string {
  const national = international.startsWith('+33') ? `0${international.slice(3)}` : international;
  return `${national.slice(0, 2)} •• •• •• ${national.slice(-2)}`;
}
