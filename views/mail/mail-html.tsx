import type { MailContent } from './mail-content.js';
import { MAIL_SIGNATURE } from './mail-content.js';

/**
 * The HTML part: plain, semantic, French; no image, no style sheet, no script, no tracking,
 * nothing loaded from anywhere. Mail clients and screen readers read it as it is.
 */
export function MailHtml({ content }: { content: MailContent }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body>
        <main>
          <h1>{content.subject}</h1>
          <p>{content.greeting}</p>
          {content.intro.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          {content.list && content.list.items.length > 0 ? (
            <>
              <h2>{content.list.heading}</h2>
              <ol>
                {content.list.items.map((item) => (
                  <li>{item}</li>
                ))}
              </ol>
            </>
          ) : null}
          {(content.details ?? []).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          <h2>Prochaine étape</h2>
          <p>{content.nextStep}</p>
          <p>
            <a href={content.action.url}>{content.action.label}</a>
          </p>
          <p>{MAIL_SIGNATURE}</p>
        </main>
        <footer>
          <p>{content.footer}</p>
        </footer>
      </body>
    </html>
  );
}

export function renderMailHtml(content: MailContent): string {
  return `<!DOCTYPE html>${(<MailHtml content={content} />).toString()}`;
}
