import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { renderPage } from '../../http/render.js';
import { FederationLinkedElsewherePage, FederationRefusedPage, FederationUnavailablePage, type FederationRefusedReason } from '../../../views/auth/federation-refused-page.js';

// The pages a sign-in through a provider ends on when nobody is signed in.

export function renderRefused(c: Context<AppEnv>, name: string, reason: FederationRefusedReason): Response {
  return renderPage(c, { title: `Connexion avec ${name} non aboutie`, status: 400 }, <FederationRefusedPage name={name} reason={reason} />);
}

export function renderUnavailable(c: Context<AppEnv>, name: string): Response {
  c.header('Retry-After', '60');
  return renderPage(c, { title: `${name} ne répond pas`, status: 503 }, <FederationUnavailablePage name={name} />);
}

export function renderLinkedElsewhere(c: Context<AppEnv>, name: string): Response {
  return renderPage(c, { title: `Compte ${name} déjà relié`, status: 409 }, <FederationLinkedElsewherePage name={name} />);
}
