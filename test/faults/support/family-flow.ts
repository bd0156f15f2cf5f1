import pg from 'pg';
import type { HttpClient } from './server-process.js';

// A representative's list of intentions, written through the real editor (draft, add, validate),
// and read back straight from the database to check what was committed.

/** Two lists of different lengths, so that half of one and half of the other cannot pass for a whole list. */
export const LISTS = {
  generale: [[['track', '2GT']]],
  pro: [
    [
      ['track', 'CAP'],
      ['occupation', 'Cuisine'],
    ],
    [
      ['track', '2PRO'],
      ['occupation', 'Électricien'],
      ['schoolStatus', 'oui'],
    ],
  ],
} as const satisfies Record<string, ReadonlyArray<ReadonlyArray<readonly [string, string]>>>;
export type ListName = keyof typeof LISTS;
export const TRACKS_OF: Record<ListName, string[]> = { generale: ['2GT'], pro: ['CAP', '2PRO'] };

export type Outcome = { step: string; status: number; text: string };

/** Replaces the draft by one of the lists, then « Valider ». Stops at the first answer that is not a redirect. */
export async function validateList(client: HttpClient, pupilId: number, list: ListName): Promise<Outcome> {
  const base = `/orientation/${pupilId}/intentions`;
  const steps: Array<[string, Array<[string, string]>]> = [
    [`${base}/annuler`, []],
    [`${base}/modifier`, []],
    [`${base}/liste`, [['action', 'supprimer-1']]],
    [`${base}/liste`, [['action', 'supprimer-1']]],
    ...LISTS[list].map((wish): [string, Array<[string, string]>] => [`${base}/ajouter`, wish.map(([name, value]) => [name, value] as [string, string])]),
    [`${base}/valider`, []],
  ];
  let last: Outcome = { step: 'aucune', status: 0, text: '' };
  for (const [path, form] of steps) {
    const response = await client.post(path, form);
    const text = await response.text();
    last = { step: path.slice(base.length + 1), status: response.status, text };
    // « liste » answers 422 when the draft is already empty: not a failure of the flow.
    if (response.status !== 303 && !(last.step === 'liste' && response.status === 422)) return last;
  }
  return last;
}

/** One query on the private cluster, on a connection of its own (retrying while the server restarts, when asked). */
export async function queryDatabase<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = [], retryForMs = 0): Promise<T[]> {
  const deadline = Date.now() + retryForMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {}); // a restart cuts the connection: the next attempt reconnects
    try {
      await client.connect();
      return (await client.query<T>(text, values)).rows;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** The validated intentions of a pupil, in rank order, straight from the database (retrying while it restarts). */
export async function committedTracks(url: string, pupilId: number): Promise<string[]> {
  const rows = await queryDatabase<{ track: string }>(
    url,
    `select w.track from wish w join pupil_file f on f.id = w.file_id where f.pupil_id = $1 and w.phase = 'provisional' order by w.rank`,
    [pupilId],
    60_000,
  );
  return rows.map((row) => row.track);
}

export async function pupilIdOf(url: string, firstName: string, lastName: string): Promise<number> {
  const rows = await queryDatabase<{ id: number }>(url, 'select id from pupil where first_name = $1 and last_name = $2', [firstName, lastName]);
  return rows[0]!.id;
}
