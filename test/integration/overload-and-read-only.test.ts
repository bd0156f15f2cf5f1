import { afterEach, describe, expect, it } from 'vitest';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { createTestApp, mainText, signedIn, type TestApp } from '../support/test-app.js';

// Overload: beyond what the container serves at once and the bounded queue, a request gets a fast
// 503 with Retry-After instead of waiting for a timeout. Read-only mode: consultation stays open,
// writing is paused and says why.

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('surcharge', () => {
  it('au-delà des requêtes servies à la fois et de la file bornée, la réponse est un 503 immédiat avec Retry-After', async () => {
    t = await createTestApp({ env: { MAX_CONCURRENT_REQUESTS: '2', MAX_QUEUED_REQUESTS: '3', QUEUE_WAIT_MS: '10000' } });
    const family = await signedIn(t, 'famille.aubrac.1');
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 20 }, () => family.get('/famille')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    const refused = responses.filter((response) => response.status === 503);
    expect(refused).toHaveLength(15);
    expect(refused[0]!.headers.get('Retry-After')).toBe('5');
    expect(mainText(await refused[0]!.text())).toContain('Le service reçoit beaucoup de demandes en ce moment.');
    // Refusals do not wait: the whole burst is over long before the queue's 10 s.
    expect(performance.now() - started).toBeLessThan(8000);
    // Once the burst has passed, the service answers normally.
    expect((await family.get('/famille')).status).toBe(200);
  }, 60_000);

  it('une requête qui attend trop longtemps dans la file reçoit le même 503', async () => {
    t = await createTestApp({ env: { MAX_CONCURRENT_REQUESTS: '1', MAX_QUEUED_REQUESTS: '50', QUEUE_WAIT_MS: '1' } });
    const family = await signedIn(t, 'famille.aubrac.1');
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => family.get('/famille')))).map((response) => response.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
  });
});

describe('mode lecture seule', () => {
  it('les pages restent consultables avec la raison affichée ; un envoi ne change rien et le dit', async () => {
    const reason = 'Maintenance de la base académique jusqu’à 14 h.';
    t = await createTestApp({ env: { READ_ONLY_MESSAGE: reason } });
    const lea = await t.database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Léa').where('last_name', '=', 'Martin').executeTakeFirstOrThrow();
    const before = (await loadPupilFile(t.database.db, lea.id))!;
    const family = await signedIn(t, 'famille.aubrac.1');
    const page = await family.get(`/orientation/${lea.id}/intentions`);
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain(reason);
    const refused = await family.post(`/orientation/${lea.id}/intentions/ajouter`, { track: '2GT' });
    expect(refused.status).toBe(503);
    const text = mainText(await refused.text());
    expect(text).toContain('Votre envoi n’a pas été enregistré : les saisies sont momentanément suspendues.');
    expect(text).toContain(reason);
    const drafts = await t.database.db.selectFrom('wish_draft').select('pupil_id').where('pupil_id', '=', lea.id).execute();
    expect(drafts).toEqual([]);
    expect((await loadPupilFile(t.database.db, lea.id))!.version).toBe(before.version);
    // Staff writes are paused too.
    const chef = await signedIn(t, 'chef.aubrac');
    expect((await chef.post('/etablissement/campagne/intentions/fermer', {})).status).toBe(503);
  });
});
