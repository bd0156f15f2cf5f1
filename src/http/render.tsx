import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { homePath } from '../auth/current-user.js';
import type { AppEnv } from '../context.js';
import { Layout } from '../../views/layout.js';

/** Messages a redirect may ask the next page to show (`?message=…`), so that no text travels in the URL. */
const FLASH_MESSAGES: Record<string, string> = {
  'mot-de-passe-modifie': 'Votre mot de passe a été modifié. Vos autres appareils ont été déconnectés.',
};

export type PageOptions = {
  title: string;
  hasErrors?: boolean;
  status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;
};

/** Renders a whole page in the shell, as the signed-in user sees it. */
export function renderPage(c: Context<AppEnv>, options: PageOptions, content: Child): Response {
  const user = c.get('user');
  const flash = FLASH_MESSAGES[c.req.query('message') ?? ''];
  const page = (
    <Layout
      title={options.title}
      hasErrors={options.hasErrors ?? false}
      user={user && !user.mustChangePassword ? { displayName: user.displayName, homePath: homePath(user), isRepresentative: user.role === 'representative' } : null}
      assets={{ ...c.get('deps').assets.urls, iconDataUrl: c.get('deps').assets.iconDataUrl }}
    >
      {c.get('deps').config.readOnlyMessage ? (
        <div class="notice notice--warning">
          <p>
            <strong>Saisies momentanément suspendues.</strong> {c.get('deps').config.readOnlyMessage} Vous pouvez consulter les dossiers ; les
            envois sont refusés sans rien changer.
          </p>
        </div>
      ) : null}
      {flash ? (
        <div class="notice notice--success" role="status">
          <p>{flash}</p>
        </div>
      ) : null}
      {content}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${page.toString()}`, options.status ?? 200);
}
