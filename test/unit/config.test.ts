import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('sans variable, le service démarre sur la base embarquée, port 3000, heure de Paris', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe('Europe/Paris');
    expect(config.publicOrigin).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.seedDemo).toBe(true);
  });

  it('DATABASE_URL choisit PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/orientation' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db:5432/orientation' });
  });

  it('une origine publique en https rend le cookie Secure', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://orientation.ac-exemple.fr/' }).secureCookies).toBe(true);
  });

  it.each([
    ['PORT', 'trois-mille'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://root@localhost/db'],
    ['TZ', 'Europe/Lutece'],
    ['PUBLIC_ORIGIN', 'pas une adresse'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['NODE_ENV', 'staging'],
    ['TRUST_PROXY', 'peut-être'],
  ])('une valeur invalide de %s arrête le service avec un message qui la nomme', (variable, value) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(variable);
    expect(problems[0]).toContain(value);
  });

  it('en production, DATABASE_URL et PUBLIC_ORIGIN manquants sont nommés', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL (absente)'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('PUBLIC_ORIGIN (absente)'))).toBe(true);
  });

  it('les données de démonstration sont refusées en production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://a@b/c', PUBLIC_ORIGIN: 'https://x.fr', SEED_DEMO: 'true' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('SEED_DEMO');
  });

  it('en production, pas de démonstration par défaut', () => {
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://a@b/c', PUBLIC_ORIGIN: 'https://x.fr' }).seedDemo).toBe(false);
  });

  it('les fournisseurs d’identité se déclarent par OIDC_PROVIDERS et OIDC_<NOM>_*, plusieurs à la fois', () => {
    const config = loadConfig({
      OIDC_PROVIDERS: 'educonnect,france-connect',
      OIDC_EDUCONNECT_ISSUER: 'https://educonnect.example.fr',
      OIDC_EDUCONNECT_CLIENT_ID: 'orientation',
      OIDC_EDUCONNECT_CLIENT_SECRET: 's3cret',
      OIDC_EDUCONNECT_IDENTIFIER_CLAIM: 'orientation_login',
      OIDC_EDUCONNECT_LABEL: 'S’identifier avec ÉduConnect',
      OIDC_FRANCE_CONNECT_ISSUER: 'https://fc.example.fr',
      OIDC_FRANCE_CONNECT_CLIENT_ID: 'id',
      OIDC_FRANCE_CONNECT_CLIENT_SECRET: 'secret',
      OIDC_FRANCE_CONNECT_SCOPES: 'openid given_name family_name',
      OIDC_FRANCE_CONNECT_ACR_VALUES: 'eidas1',
    });
    expect(config.federation.map((p) => [p.id, p.label, p.scopes, p.identifierClaim])).toEqual([
      ['educonnect', 'S’identifier avec ÉduConnect', 'openid', 'orientation_login'],
      ['france-connect', 'S’identifier avec france-connect', 'openid given_name family_name', undefined],
    ]);
    expect(config.federation.map((p) => p.acrValues)).toEqual([undefined, 'eidas1']);
    expect(loadConfig({}).federation).toEqual([]);
  });

  it('un fournisseur incomplet, en http en production, ou nommé « relier » est refusé avec la variable en cause', () => {
    expect(problemsOf({ OIDC_PROVIDERS: 'educonnect', OIDC_EDUCONNECT_ISSUER: 'https://e.fr' }).join('\n')).toMatch(/OIDC_EDUCONNECT_CLIENT_ID[\s\S]*OIDC_EDUCONNECT_CLIENT_SECRET/);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://a@b/c', PUBLIC_ORIGIN: 'https://x.fr' };
    const http = problemsOf({ ...production, OIDC_PROVIDERS: 'e', OIDC_E_ISSUER: 'http://e.fr', OIDC_E_CLIENT_ID: 'a', OIDC_E_CLIENT_SECRET: 'b' });
    expect(http.join('\n')).toContain('OIDC_E_ISSUER');
    expect(problemsOf({ OIDC_PROVIDERS: 'relier' }).join('\n')).toContain('réservé');
  });

  it('la passerelle SMS demande son jeton, et https en production', () => {
    expect(problemsOf({ SMS_GATEWAY_URL: 'https://sms.example.fr/send' }).join('\n')).toContain('SMS_GATEWAY_TOKEN');
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://a@b/c', PUBLIC_ORIGIN: 'https://x.fr' };
    expect(problemsOf({ ...production, SMS_GATEWAY_URL: 'http://sms.example.fr', SMS_GATEWAY_TOKEN: 't' }).join('\n')).toContain('SMS_GATEWAY_URL');
    expect(loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.fr/send', SMS_GATEWAY_TOKEN: 't' }).smsGateway).toEqual({ url: 'https://sms.example.fr/send', token: 't', sender: 'Orientation' });
    expect(loadConfig({}).smsGateway).toBeUndefined();
  });
});
