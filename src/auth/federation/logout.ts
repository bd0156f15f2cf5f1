import * as client from 'openid-client';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { findProvider, postLogoutRedirectUri, providerConfiguration } from './providers.js';

/**
 * Where signing out sends the browser when the session was opened through a provider that offers
 * RP-initiated logout (an end_session_endpoint): the provider's own logout, which then comes back
 * to `/connexion?deconnecte`. Null otherwise (no provider, provider gone from the configuration,
 * unreachable, or without end_session_endpoint): the local session still ends.
 * Read before the session row is deleted.
 */
export async function federationLogoutUrl(db: Kysely<Database>, config: Config, sessionId: string): Promise<string | null> {
  if (config.federation.length === 0) return null;
  const session = await db.selectFrom('session').select(['federation_provider', 'id_token']).where('id', '=', sessionId).executeTakeFirst();
  const provider = session?.federation_provider ? findProvider(config, session.federation_provider) : undefined;
  if (!session || !provider) return null;
  try {
    const configuration = await providerConfiguration(provider);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri(config), client_id: provider.clientId };
    if (session.id_token) parameters['id_token_hint'] = session.id_token;
    return client.buildEndSessionUrl(configuration, parameters).href;
  } catch {
    return null;
  }
}

/** The origins a form of the service may lead to by a redirect: the providers' (CSP form-action). */
export function federationFormActionOrigins(config: Config): string[] {
  return [...new Set(config.federation.map((provider) => new URL(provider.issuer).origin))];
}
