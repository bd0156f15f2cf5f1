import { z } from 'zod';
import { normaliseCode } from '../domain/account-challenge.js';
import { checkNewPassword, MAX_PASSWORD_LENGTH } from '../domain/password-policy.js';
import { formFields } from '../http/form.js';
import type { FieldError } from '../../views/components/error-summary.js';

// The forms shared by activation (activation-routes.tsx) and recovery (recovery-routes.tsx):
// a representative's name, the code received by SMS, a new password and its confirmation.

/** The name and first name of a representative, as the school knows them (« J’active mon compte », « Identifiant oublié »). */
export const nameFields = {
  nom: z.string().max(100).default(''),
  prenom: z.string().max(100).default(''),
};

/** A form that could not be read: the error is shown on its first field. */
export const invalidFormError = (field: string): FieldError => ({ field, message: 'Le formulaire envoyé est invalide. Vérifiez votre saisie et réessayez.' });

/** The name or first name left empty. */
export function nameErrors(values: { nom: string; prenom: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (values.nom.trim() === '') errors.push({ field: 'nom', message: 'Saisissez votre nom.' });
  if (values.prenom.trim() === '') errors.push({ field: 'prenom', message: 'Saisissez votre prénom.' });
  return errors;
}

const codeForm = z.object({ code: z.string().max(20).default('') });

export const MISSING_CODE_ERROR: FieldError = { field: 'code', message: 'Saisissez le code à 6 chiffres reçu par SMS.' };

/** The code posted, normalised; null when there is none that could be one. */
export async function readCode(request: Request): Promise<string | null> {
  const parsed = codeForm.safeParse(await formFields(request));
  return parsed.success ? normaliseCode(parsed.data.code) : null;
}

const passwordForm = z.object({
  mot_de_passe: z.string().max(MAX_PASSWORD_LENGTH * 4).default(''),
  confirmation: z.string().max(MAX_PASSWORD_LENGTH * 4).default(''),
});

/** The new password posted (fields mot_de_passe and confirmation), and what is wrong with it for this login. */
export async function readNewPassword(request: Request, login: string): Promise<{ password: string; errors: FieldError[] }> {
  const parsed = passwordForm.safeParse(await formFields(request));
  const form = parsed.success ? parsed.data : { mot_de_passe: '', confirmation: '' };
  const errors: FieldError[] = [];
  const problem = checkNewPassword(form.mot_de_passe, { login });
  if (problem) errors.push({ field: 'mot_de_passe', message: problem.message.replace('Le nouveau mot de passe', 'Le mot de passe') });
  if (form.confirmation !== form.mot_de_passe) errors.push({ field: 'confirmation', message: 'Les deux mots de passe saisis ne sont pas identiques.' });
  return { password: form.mot_de_passe, errors };
}
