import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import { freePort } from './smtp-server.js';

// A real OpenID Connect provider (the oidc-provider package, certified) in the test process, on
// 127.0.0.1 and a free port: no mock of the protocol. Its development login and consent pages are
// plain HTML forms (they work with JavaScript off): any login is accepted there, and the login
// typed names the account. Two people exist:
//   « aubrac »   carries the school-issued identifier famille.aubrac.1 in the claim
//                `orientation_login` (in the ID token, scope openid);
//   « inconnu »  carries nothing the service knows.
// oidc-provider prints « Unsupported runtime » on Node 20: it works (its own test-suite runs there).

export const OIDC_CLIENT_ID = 'orientation-test';
export const OIDC_CLIENT_SECRET = 'secret-de-test-orientation-0123456789';
export const OIDC_IDENTIFIER_CLAIM = 'orientation_login';

export const OIDC_ACCOUNTS: Record<string, Record<string, string>> = {
  aubrac: { [OIDC_IDENTIFIER_CLAIM]: 'famille.aubrac.1', given_name: 'Claire', family_name: 'Martin' },
  inconnu: { given_name: 'Personne', family_name: 'Inconnue' },
};

export type TestOidcProvider = {
  /** `http://127.0.0.1:<port>`, the issuer. */
  issuer: string;
  port: number;
  /** The environment that configures this provider in the service under `id` (OIDC_PROVIDERS included). */
  env(id: string, label: string): Record<string, string>;
  /** Starts answering, for a client whose redirect and post-logout URIs are on `serviceOrigin`. */
  start(serviceOrigin: string, providerIds: string[]): Promise<void>;
  close(): Promise<void>;
};

type ProviderInstance = { listen(port: number, host: string, callback: () => void): Server; on(event: string, listener: (...args: unknown[]) => void): void };
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

/**
 * The port is chosen first (the service's configuration needs the issuer), and the provider starts
 * once the service's origin is known (its client's redirect URIs need it): see start().
 */
export async function reserveOidcProvider(): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  let server: Server | undefined;
  return {
    issuer,
    port,
    env: (id, label) => {
      const prefix = `OIDC_${id.toUpperCase().replaceAll('-', '_')}_`;
      return {
        [`${prefix}ISSUER`]: issuer,
        [`${prefix}CLIENT_ID`]: OIDC_CLIENT_ID,
        [`${prefix}CLIENT_SECRET`]: OIDC_CLIENT_SECRET,
        [`${prefix}SCOPES`]: 'openid',
        [`${prefix}IDENTIFIER_CLAIM`]: OIDC_IDENTIFIER_CLAIM,
        [`${prefix}LABEL`]: label,
      };
    },
    async start(serviceOrigin, providerIds) {
      // A string, not a literal: the package ships no types, and only this file talks to it.
      const packageName: string = 'oidc-provider';
      const { default: Provider } = (await import(packageName)) as { default: ProviderConstructor };
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT_ID,
            client_secret: OIDC_CLIENT_SECRET,
            redirect_uris: providerIds.map((id) => `${serviceOrigin}/connexion/federation/${id}/retour`),
            post_logout_redirect_uris: [`${serviceOrigin}/connexion?deconnecte`],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
        cookies: { keys: ['cle-de-test-des-cookies-du-fournisseur'] },
        pkce: { required: () => true },
        ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
        // The school-issued identifier travels in the ID token with the openid scope.
        claims: { openid: ['sub', OIDC_IDENTIFIER_CLAIM], profile: ['given_name', 'family_name'] },
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        async findAccount(_ctx: unknown, id: string) {
          const claims = OIDC_ACCOUNTS[id];
          if (!claims) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
        },
      });
      // Errors the provider answers (a refused request) are expected in some tests: not logged.
      provider.on('server_error', (_ctx, error) => console.error('fournisseur OIDC de test : erreur', error));
      await new Promise<void>((resolve) => {
        server = provider.listen(port, '127.0.0.1', resolve);
      });
    },
    async close() {
      const running = server;
      server = undefined;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        running.closeAllConnections();
      });
    },
  };
}
