import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTracks, pupilIdOf, TRACKS_OF, validateList, type ListName } from './support/family-flow.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { HttpClient, startService, type ServiceProcess } from './support/server-process.js';

// The service under faults, with a PostgreSQL cluster of its own and the real server process:
// the database restarted while a family validates in a loop; the process killed (SIGKILL) in the
// middle of validations. Each answer is either a committed list or the « Service momentanément
// indisponible » page, never a 500 and never half a list.

const UNAVAILABLE = 'Service momentanément indisponible, vos choix n’ont pas été enregistrés.';

let postgres: PrivatePostgres;
beforeAll(async () => {
  postgres = await startPrivatePostgres();
});
afterAll(() => {
  postgres?.destroy();
});

const other = (list: ListName): ListName => (list === 'generale' ? 'pro' : 'generale');

describe('pannes de la base et du processus', () => {
  it('PostgreSQL s’arrête deux fois 2 s pendant que la famille valide en boucle : chaque réponse est un enregistrement réel ou la page d’indisponibilité', async () => {
    const service: ServiceProcess = await startService({ DATABASE_URL: postgres.url });
    try {
      const lea = await pupilIdOf(postgres.url, 'Léa', 'Martin');
      const family = new HttpClient(service.baseUrl);
      await family.login('famille.aubrac.1');

      let committed: string[] = await committedTracks(postgres.url, lea);
      let list: ListName = 'generale';
      const tally = { committed: 0, unavailable: 0, readyzDown: 0 };
      const restarts = (async () => {
        // Two outages of 2 s each: the server stopped (connections cut), then started again.
        for (const pause of [1500, 2500]) {
          await new Promise((resolve) => setTimeout(resolve, pause));
          postgres.stop();
          await new Promise((resolve) => setTimeout(resolve, 2000));
          postgres.start();
        }
      })();
      let restartsDone = false;
      void restarts.then(() => (restartsDone = true));
      const watchReady = (async () => {
        while (!restartsDone) {
          const response = await fetch(`${service.baseUrl}/readyz`).catch(() => null);
          if (response?.status === 503) tally.readyzDown++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();

      const until = Date.now() + 12_000;
      while (Date.now() < until || !restartsDone) {
        const outcome = await validateList(family, lea, list);
        expect(outcome.status, `${outcome.step} : ${outcome.text.slice(0, 300)}`).not.toBe(500);
        if (outcome.step === 'valider' && outcome.status === 303) {
          committed = TRACKS_OF[list];
          tally.committed++;
          list = other(list);
        } else {
          // Not validated: the answer says so, and the database holds the previous list, whole.
          expect([503, 409, 422], `${outcome.step} : ${outcome.text.slice(0, 300)}`).toContain(outcome.status);
          if (outcome.status === 503) {
            tally.unavailable++;
            expect(outcome.text).toContain(UNAVAILABLE);
          }
        }
        expect(await committedTracks(postgres.url, lea)).toEqual(committed);
      }
      await restarts;
      await watchReady;

      // The service came back by itself, and says so.
      expect((await fetch(`${service.baseUrl}/readyz`)).status).toBe(200);
      expect((await family.request('/famille')).status).toBe(200);
      console.log(`redémarrages de PostgreSQL : ${tally.committed} validations enregistrées, ${tally.unavailable} réponses « indisponible », /readyz à 503 ${tally.readyzDown} fois`);
      expect(tally.committed).toBeGreaterThan(3);
      expect(tally.unavailable + tally.readyzDown).toBeGreaterThan(0);
    } catch (error) {
      throw new Error(`${String(error)}\n--- journal du service ---\n${service.output().slice(-4000)}`);
    } finally {
      await service.stop();
    }
  });

  it('le processus tué (SIGKILL) au milieu des validations laisse l’ancienne liste ou la nouvelle, jamais un mélange', async () => {
    let lea = 0;
    let list: ListName = 'generale';
    const kills = 5;
    let validations = 0;
    for (let round = 0; round < kills; round++) {
      const service = await startService({ DATABASE_URL: postgres.url });
      lea ||= await pupilIdOf(postgres.url, 'Léa', 'Martin');
      const family = new HttpClient(service.baseUrl);
      await family.login('famille.aubrac.1');
      const before = await committedTracks(postgres.url, lea);
      const attempted = TRACKS_OF[list];
      // Validations in a loop; the process is killed at a moment that varies with the round.
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          const outcome = await validateList(family, lea, list).catch(() => null);
          if (!outcome) break;
          if (outcome.step === 'valider' && outcome.status === 303) {
            list = other(list);
            validations++;
          }
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 400 + round * 170));
      await service.kill();
      stop = true;
      await loop;
      const after = await committedTracks(postgres.url, lea);
      // A whole list: the previous one or another whole one, never half of each.
      const whole = [before, TRACKS_OF.generale, TRACKS_OF.pro].map((tracks) => JSON.stringify(tracks));
      expect(whole, `après SIGKILL au tour ${round + 1} (tentative : ${attempted.join(', ')})`).toContain(JSON.stringify(after));
      expect(after.length).toBeGreaterThan(0);
    }
    console.log(`SIGKILL : ${kills} processus tués pendant ${validations} validations enregistrées ; après chaque arrêt, une liste entière`);
    // Restarted once more: the service starts cleanly on the database the kills left behind.
    const service = await startService({ DATABASE_URL: postgres.url });
    try {
      const family = new HttpClient(service.baseUrl);
      await family.login('famille.aubrac.1');
      expect((await family.request(`/orientation/${lea}/intentions`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
