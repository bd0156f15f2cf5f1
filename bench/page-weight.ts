// Page weight of the family intentions and choix définitifs pages: prints the bytes sent over the wire (gzip and
// brotli, as the service compresses them) for the whole page and for one htmx swap.
// Run: npx tsx bench/page-weight.ts   (no server or database needed: PGlite in memory)
import { PGlite } from '@electric-sql/pglite';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ensureAcademy } from '../src/db/academy.js';
import { databaseOnPGlite, pgliteParsers } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { findStaticDir } from '../src/http/find-static-dir.js';
import { loadStaticAssets } from '../src/http/static-assets.js';
import { seedDemo } from '../scripts/seed-demo.js';

const ORIGIN = 'http://localhost:3000';

async function main(): Promise<void> {
  const pglite = new PGlite('memory://', { parsers: pgliteParsers });
  await pglite.waitReady;
  const database = databaseOnPGlite(pglite);
  await migrateToLatest(database.db);
  const config = loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false', PUBLIC_ORIGIN: ORIGIN });
  await ensureAcademy(database.db, { name: config.academyName, timeZone: config.timeZone });
  await seedDemo(database.db, { now: new Date(), pupilsPerDivision: 4 });
  const app = createApp({ db: database.db, config, assets: loadStaticAssets(findStaticDir()), now: () => new Date() });

  let cookie = '';
  const request = async (path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) => {
    const response = await app.request(`${ORIGIN}${path}`, {
      method: init.method ?? 'GET',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
      headers: {
        ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } : {}),
        ...(cookie ? { Cookie: cookie } : {}),
        ...init.headers,
      },
    });
    const set = response.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0]!;
    return response;
  };
  await request('/connexion', { method: 'POST', form: { identifiant: 'famille.aubrac.1', mot_de_passe: 'orientation' } });
  const lea = await database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Léa').where('last_name', '=', 'Martin').executeTakeFirstOrThrow();
  const path = `/orientation/${lea.id}/intentions`;
  await request(`${path}/ajouter`, { method: 'POST', form: { track: '2PRO', occupation: 'Ébéniste', schoolStatus: 'oui' } });
  await request(`${path}/ajouter`, { method: 'POST', form: { track: 'CAP' } });

  const measure = async (label: string, url: string, headers: Record<string, string> = {}) => {
    const sizes: string[] = [];
    for (const encoding of ['identity', 'gzip']) {
      const response = await request(url, { headers: { ...headers, 'Accept-Encoding': encoding } });
      const bytes = (await response.arrayBuffer()).byteLength;
      sizes.push(`${encoding === 'identity' ? 'brut' : 'gzip'} ${bytes} o`);
    }
    console.log(`${label.padEnd(52)} ${sizes.join(' · ')}`);
  };
  console.log('Poids des réponses HTML (hors CSS/JS, servis à part avec un cache long) :');
  await measure('page des intentions (2 intentions, brouillon)', path);
  await measure('échange htmx : liste après « Monter » (fragment)', `${path}?fait=deplacement&rang=1`, { 'HX-Request': 'true' });
  await measure('échange htmx : formulaire du dialogue « Ajouter »', `${path}/ajouter`, { 'HX-Request': 'true' });
  await measure('accueil orientation de l’enfant', `/orientation/${lea.id}`);

  // Phase définitive: Inès Bernard's choix définitifs (Lycée Simone Veil, window open).
  cookie = '';
  await request('/connexion', { method: 'POST', form: { identifiant: 'famille.veil.1', mot_de_passe: 'orientation' } });
  const ines = await database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Inès').where('last_name', '=', 'Bernard').executeTakeFirstOrThrow();
  const choices = `/orientation/${ines.id}/choix-definitifs`;
  const post = (url: string, pairs: [string, string][]) =>
    app.request(`${ORIGIN}${url}`, { method: 'POST', body: new URLSearchParams(pairs).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie } });
  await post(`${choices}/ajouter`, [['track', '1G'], ['specialties', 'MATHS'], ['specialties', 'SI'], ['specialties', 'NSI']]);
  await post(`${choices}/ajouter`, [['track', '1T'], ['series', 'STL'], ['laboratorySpecialty', 'SPCL']]);
  await post(`${choices}/ajouter`, [['track', 'VPRO'], ['vocationalRoute', '2PRO']]);
  await measure('page des choix définitifs (3 choix, brouillon)', choices);
  await measure('échange htmx : choix définitifs après « Monter »', `${choices}?fait=deplacement&rang=1`, { 'HX-Request': 'true' });
  await measure('échange htmx : dialogue « Saisie des choix définitifs »', `${choices}/ajouter`, { 'HX-Request': 'true' });
  await database.close();
}

await main();
