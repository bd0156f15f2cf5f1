import { MAIL_SIGNATURE, type MailContent } from './mail-content.js';

/** The plain-text part, readable alone: same content as the HTML part, the link written out. */
export function renderMailText(content: MailContent): string {
  const blocks: string[] = [content.greeting, ...content.intro];
  if (content.list && content.list.items.length > 0) {
    blocks.push(`${content.list.heading}\n${content.list.items.map((item, index) => `  ${index + 1}. ${item}`).join('\n')}`);
  }
  blocks.push(...(content.details ?? []));
  blocks.push(`Prochaine étape : ${content.nextStep}`);
  blocks.push(`${content.action.label} :\n${content.action.url}`);
  blocks.push(MAIL_SIGNATURE);
  blocks.push(`--\n${content.footer}`);
  return `${blocks.join('\n\n')}\n`;
}
