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
});
