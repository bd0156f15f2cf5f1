// ANSSI's recommendation: length matters more than composition; no forced mix of character
// classes, but the passwords everybody tries first are refused.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', 'azertyuiopqs', 'azertyuiop12', 'azertyuiop123', 'qwertyuiop12',
  'motdepasse12', 'motdepasse123', 'motdepasse1234', 'password1234', 'password12345', 'passwordpassword',
  'orientation1', 'orientation12', 'orientation123', 'orientation2026', 'orientation2027', 'bonjour12345',
  'soleil123456', 'doudou123456', 'marseille123', 'chouchou1234', 'loulou123456', 'nicolas12345',
  'jetaime12345', 'iloveyou1234', '000000000000', '111111111111', 'aaaaaaaaaaaa', 'abcdefghijkl',
  'abc123abc123', 'qwerty123456', 'azerty123456', '123456azerty', 'motdepasse!!', 'changeme1234',
]);

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
  const folded = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(folded) || new Set(folded).size <= 2) {
    return { message: 'Ce mot de passe est trop courant ou trop facile à deviner. Choisissez-en un autre.' };
  }
  if (folded.includes(context.login.toLowerCase())) {
    return { message: 'Le nouveau mot de passe ne doit pas contenir votre identifiant.' };
  }
  if (context.currentPassword !== undefined && password === context.currentPassword) {
    return { message: 'Le nouveau mot de passe doit être différent de l’ancien.' };
  }
  return null;
}
