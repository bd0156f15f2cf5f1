import { z } from 'zod';

// Every validation message a person may read is in French, the configuration's included.
z.config(z.locales.fr());

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'fuseau horaire IANA inconnu (exemple : Europe/Paris)' },
);

const postgresUrl = z
  .string()
  .url()
  .refine((url) => /^postgres(ql)?:\/\//.test(url), { message: 'doit commencer par postgres:// ou postgresql://' });

const smtpUrl = z
  .string()
  .url()
  .refine((url) => /^smtps?:\/\//.test(url), { message: 'doit commencer par smtp:// ou smtps://' });

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
    DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
    PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, z.string().url().optional()),
    TZ: z.preprocess(emptyAsUndefined, timeZone.default('Europe/Paris')),
    ACADEMIE_NOM: z.preprocess(emptyAsUndefined, z.string().min(1).max(120).default('Académie de démonstration')),
    SMTP_URL: z.preprocess(emptyAsUndefined, smtpUrl.optional()),
    MAIL_FROM: z.preprocess(
      emptyAsUndefined,
      z.string().default('Orientation <ne-pas-repondre@orientation.invalid>'),
    ),
    TRUST_PROXY: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
    LOG_REQUESTS: z.preprocess(emptyAsUndefined, booleanFlag.default(true)),
    SEED_DEMO: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
    SLOW_QUERY_MS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(60_000).optional()),
    DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).optional()),
    MAX_CONCURRENT_REQUESTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).default(32)),
    MAX_QUEUED_REQUESTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(100_000).default(256)),
    QUEUE_WAIT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(120_000).default(5_000)),
    READ_ONLY_MESSAGE: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(500).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'obligatoire en production (la base embarquée ne sert qu’à la démonstration)',
      });
    }
    if (env.NODE_ENV === 'production' && env.SEED_DEMO) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'les données de démonstration sont refusées en production' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_ORIGIN) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_ORIGIN'], message: 'obligatoire en production (exemple : https://orientation.ac-exemple.fr)' });
    }
  });

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; maxConnections?: number; slowQueryMs?: number } | { kind: 'embedded'; dataDir: string };
  publicOrigin: string;
  secureCookies: boolean;
  timeZone: string;
  academyName: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  trustProxy: boolean;
  logRequests: boolean;
  /** Admission control: requests served at once, waiting at most, and for how long (then 503). */
  admission: { maxInFlight: number; maxQueued: number; maxWaitMs: number };
  /** Read-only mode when set: consultation stays open, writing is paused, and this says why. */
  readOnlyMessage: string | null;
  seedDemo: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.') || '(environnement)';
        const received = environment[variable];
        const shown = received === undefined ? 'absente' : `« ${received.length > 60 ? `${received.slice(0, 60)}…` : received} »`;
        return `${variable} (${shown}) : ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const publicOrigin = new URL(env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).origin;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          ...(env.DATABASE_POOL_SIZE === undefined ? {} : { maxConnections: env.DATABASE_POOL_SIZE }),
          ...(env.SLOW_QUERY_MS === undefined ? {} : { slowQueryMs: env.SLOW_QUERY_MS }),
        }
      : { kind: 'embedded', dataDir: env.DATA_DIR },
    publicOrigin,
    secureCookies: publicOrigin.startsWith('https:'),
    timeZone: env.TZ,
    academyName: env.ACADEMIE_NOM,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    trustProxy: env.TRUST_PROXY,
    logRequests: env.LOG_REQUESTS,
    admission: { maxInFlight: env.MAX_CONCURRENT_REQUESTS, maxQueued: env.MAX_QUEUED_REQUESTS, maxWaitMs: env.QUEUE_WAIT_MS },
    readOnlyMessage: env.READ_ONLY_MESSAGE ?? null,
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
  };
}
