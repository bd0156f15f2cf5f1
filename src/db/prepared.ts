import { createHash } from 'node:crypto';
import type pg from 'pg';

// Named prepared statements for the queries Kysely sends. Kysely calls `client.query(text, values)`:
// here a query with parameters becomes `{ name, text, values }`, so PostgreSQL parses and plans it
// once per connection instead of at every request (the pupil's file is one query of thirteen
// sub-selects: planning it cost more than running it). After five runs PostgreSQL keeps a generic
// plan when it is no worse than the custom ones. Parameterless statements (BEGIN, COMMIT, DDL) are
// left alone; past MAX_STATEMENTS distinct texts on a connection, queries go unnamed again.
// So is `insert … on conflict (…) where …`: PostgreSQL infers the partial unique index from the
// WHERE clause at plan time, which a generic plan (parameters unknown) cannot do.
const UNPREPARABLE = /on conflict \([^)]*\) where /i;

const MAX_STATEMENTS = 500;

type QueryFunction = (...args: unknown[]) => unknown;

export function usePreparedStatements(client: pg.PoolClient | pg.Client): void {
  const marked = client as unknown as { __prepared?: boolean; query: QueryFunction };
  if (marked.__prepared) return;
  marked.__prepared = true;
  const original = marked.query.bind(client) as QueryFunction;
  const names = new Map<string, string>();
  marked.query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined && !UNPREPARABLE.test(config)) {
      let name = names.get(config);
      if (name === undefined && names.size < MAX_STATEMENTS) {
        name = `k${createHash('sha1').update(config).digest('base64url').slice(0, 20)}`;
        names.set(config, name);
      }
      if (name !== undefined) return original({ name, text: config, values });
    }
    return original(config, values, callback);
  };
}
