import * as client from 'openid-client';
import type { Config, FederationProvider } from '../../config.js';

// Each configured OpenID Connect provider's metadata, discovered on first use and kept for the
// life of the process (a provider's metadata changes rarely; a restart picks up a change). A
// failed discovery is not kept: the next sign-in tries again.

const discovered = new Map<string, Promise<client.Configuration>>();
// Keyed by the whole identity of the provider: two apps in one process (tests) may name different issuers alike.
const cacheKey = (provider: FederationProvider) => JSON.stringify([provider.id, provider.issuer, provider.clientId]);

/** The provider could not be reached or answered something that is not OpenID Connect metadata. */
export class FederationUnavailableError extends Error {
  constructor(
    readonly provider: FederationProvider,
    cause: unknown,
  ) {
    super(`fournisseur ${provider.id} injoignable : ${String(cause)}`, { cause });
    this.name = 'FederationUnavailableError';
  }
}

export function findProvider(config: Config, id: string): FederationProvider | undefined {
  return config.federation.find((provider) => provider.id === id);
}

/** The provider's name as a sentence names it: « ÉduConnect » from the button's « S’identifier avec ÉduConnect ». */
export function providerName(provider: FederationProvider): string {
  const name = provider.label.replace(/^\s*s['’]identifier\s+(avec|par|via)\s+/iu, '').trim();
  return name === '' ? provider.id : name;
}

/** Where the provider sends the browser back with the authorization code. */
export function redirectUri(config: Config, provider: FederationProvider): string {
  return `${config.publicOrigin}/connexion/federation/${provider.id}/retour`;
}

/** Where the provider sends the browser after ending its own session. */
export function postLogoutRedirectUri(config: Config): string {
  return `${config.publicOrigin}/connexion?deconnecte`;
}

async function discover(provider: FederationProvider): Promise<client.Configuration> {
  const insecure = provider.issuer.startsWith('http:');
  const options: client.DiscoveryRequestOptions = { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) };
  const metadata = { client_secret: provider.clientSecret };
  // client_secret_basic unless the provider only offers client_secret_post.
  const first = await client.discovery(new URL(provider.issuer), provider.clientId, metadata, client.ClientSecretBasic(provider.clientSecret), options);
  const methods = first.serverMetadata().token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
    return new client.Configuration(first.serverMetadata(), provider.clientId, metadata, client.ClientSecretPost(provider.clientSecret));
  }
  return first;
}

/** The provider's client configuration, discovered once; throws FederationUnavailableError when it cannot be reached. */
export async function providerConfiguration(provider: FederationProvider): Promise<client.Configuration> {
  const key = cacheKey(provider);
  let pending = discovered.get(key);
  if (!pending) {
    pending = discover(provider).then(
      (configuration) => {
        if (provider.issuer.startsWith('http:')) client.allowInsecureRequests(configuration);
        return configuration;
      },
      (error: unknown) => {
        discovered.delete(key);
        throw new FederationUnavailableError(provider, error);
      },
    );
    discovered.set(key, pending);
  }
  return pending;
}

