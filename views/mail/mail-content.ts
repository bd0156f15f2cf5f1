/**
 * One e-mail, as structured content: the HTML part (mail-html.tsx) and the plain-text part
 * (mail-text.ts) are both rendered from it, so the text part is never an afterthought.
 */
export type MailContent = {
  subject: string;
  /** « Bonjour Sophie Martin, » */
  greeting: string;
  /** Paragraphs before the list. */
  intro: string[];
  /** The ranked wishes, the council's answers… shown as a numbered list. */
  list?: { heading: string; items: string[] } | undefined;
  /** Paragraphs after the list (motivations, what the other representative must do…). */
  details?: string[] | undefined;
  /** « Prochaine étape : … jusqu’au 30/05/2027 à 23 h 59. » */
  nextStep: string;
  /** The link to the service (always on PUBLIC_ORIGIN). */
  action: { label: string; url: string };
  /** Why this person receives this message. */
  footer: string;
};

export const MAIL_SIGNATURE = 'Le service en ligne Orientation';
