import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { findStaticDir } from '../../../src/http/find-static-dir.js';
import { loadStaticAssets } from '../../../src/http/static-assets.js';
import { AUDITED_STATES, EXCLUDED_ROUTES } from './pages.js';

// A new page cannot escape the audit: every GET route of the app is in the audit's list
// (test/e2e/audit/pages.ts), or excluded there with its reason.

function getRoutes(): string[] {
  const config = loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false', PUBLIC_ORIGIN: 'http://127.0.0.1' });
  // Building the app touches no database: routes are only registered.
  const app = createApp({ db: {} as DatabaseHandle['db'], config, assets: loadStaticAssets(findStaticDir()), now: () => new Date() });
  return [...new Set(app.routes.filter((route) => route.method === 'GET').map((route) => route.path))];
}

describe('la liste des pages auditées', () => {
  it('chaque route GET du service est auditée ou exclue avec sa raison', () => {
    const listed = new Set([...AUDITED_STATES.map((state) => state.route), ...EXCLUDED_ROUTES.map((excluded) => excluded.route)]);
    const missing = getRoutes().filter((route) => !listed.has(route));
    expect(missing, `routes GET absentes de test/e2e/audit/pages.ts : ajoutez chaque page et ses états à AUDITED_STATES`).toEqual([]);
  });

  it('la liste ne nomme pas de route qui n’existe plus', () => {
    const routes = new Set([...getRoutes(), '*']);
    const stale = [...AUDITED_STATES.map((state) => state.route), ...EXCLUDED_ROUTES.map((excluded) => excluded.route)].filter((route) => !routes.has(route));
    expect(stale).toEqual([]);
  });

  it('chaque exclusion donne sa raison, et chaque état a un nom unique', () => {
    for (const excluded of EXCLUDED_ROUTES) expect(excluded.reason.trim(), excluded.route).not.toBe('');
    const names = AUDITED_STATES.map((state) => state.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });
});
