import type { Kysely } from 'kysely';
import type { CurrentUser } from './auth/current-user.js';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { StaticAssets } from './http/static-assets.js';

/** What every request handler may use; built once by the server (or a test) and handed to createApp. */
export type AppDeps = {
  db: Kysely<Database>;
  config: Config;
  assets: StaticAssets;
  /** The current instant; tests move it. */
  now: () => Date;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: CurrentUser | null;
    sessionId: string | null;
  };
};
