import type { Child } from 'hono/jsx';
import { rgaaScore } from '../src/legal/rgaa-audit.js';
import { Logo } from './components/logo.js';

export type LayoutProps = {
  title: string;
  /** Prefixes the title with « Erreur : » so that a screen reader hears it first. */
  hasErrors?: boolean;
  user: { displayName: string; homePath: string; isRepresentative: boolean } | null;
  assets: { css: string; js: string; htmx: string; logo: string; iconDataUrl: string };
  children?: Child;
};

export const SERVICE_NAME = 'Orientation';
/** « totalement / partiellement / non conforme », computed from the RGAA self-audit (src/legal/rgaa-audit.ts). */
export const ACCESSIBILITY_CONFORMITY = rgaaScore().conformity;

export function Layout({ title, hasErrors, user, assets, children }: LayoutProps) {
  const fullTitle = `${hasErrors ? 'Erreur : ' : ''}${title} — ${SERVICE_NAME}`;
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href={assets.css} />
        <link rel="icon" href={assets.iconDataUrl} type="image/svg+xml" />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <script src={assets.htmx} defer></script>
        <script src={assets.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href={user ? user.homePath : '/'}>
              <Logo />
              <span>
                <span class="brand__name">{SERVICE_NAME}</span>
                <span class="brand__tagline">Service en ligne de l’orientation après la 3e et la 2de</span>
              </span>
            </a>
            {user ? (
              <nav class="account-nav" aria-label="Mon compte">
                <span class="account-nav__name">{user.displayName}</span>
                {user.isRepresentative ? <a href="/fiche-de-renseignements">Fiche de renseignements</a> : null}
                <a href="/mot-de-passe">Changer mon mot de passe</a>
                <form method="post" action="/deconnexion">
                  <button type="submit" class="button button--secondary">
                    Se déconnecter
                  </button>
                </form>
              </nav>
            ) : null}
          </div>
        </header>
        <main id="contenu" class="container" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <ul class="footer-links">
              <li>
                <a href="/accessibilite">Accessibilité : {ACCESSIBILITY_CONFORMITY}</a>
              </li>
              <li>
                <a href="/mentions-legales">Mentions légales</a>
              </li>
              <li>
                <a href="/donnees-personnelles">Données personnelles</a>
              </li>
            </ul>
          </div>
        </footer>
        <div id="annonces" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
      </body>
    </html>
  );
}
