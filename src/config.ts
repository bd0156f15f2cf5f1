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

const httpUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//.test(url), { message: 'doit commencer par https:// (ou http:// hors production)' });

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
    SMS_GATEWAY_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
    SMS_GATEWAY_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(1).max(4096).optional()),
    SMS_SENDER: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9]{1,11}$/, 'de 1 à 11 lettres ou chiffres').default('Orientation')),
    OIDC_PROVIDERS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]{1,32}(,[a-z0-9-]{1,32})*$/, 'liste de noms courts séparés par des virgules (exemple : educonnect,franceconnect)')
        .optional(),
    ),
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
    if (env.SMS_GATEWAY_URL && !env.SMS_GATEWAY_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_TOKEN'], message: 'obligatoire avec SMS_GATEWAY_URL (jeton envoyé en « Authorization: Bearer »)' });
    }
    if (env.NODE_ENV === 'production' && env.SMS_GATEWAY_URL?.startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_URL'], message: 'doit être en https:// en production' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_ORIGIN) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_ORIGIN'], message: 'obligatoire en production (exemple : https://orientation.ac-exemple.fr)' });
    }
  });

/** An OpenID Connect provider (ÉduConnect, FranceConnect, an académie's own), from OIDC_<NOM>_* variables. */
export type FederationProvider = {
  /** Short name from OIDC_PROVIDERS, in URLs: /connexion/federation/<id>. */
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The claim that carries the service's own identifier (a school-issued login), when the provider sends one. */
  identifierClaim: string | undefined;
  /** The button's text, e.g. « S'identifier avec ÉduConnect ». */
  label: string;
  /** acr_values sent with the authorization request when the provider requires one (FranceConnect: eidas1). */
  acrValues: string | undefined;
};

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
  /** SMS through an HTTP gateway; without it, SMS stay in the outbox and show on /dev/sms (outside production). */
  smsGateway: { url: string; token: string; sender: string } | undefined;
  federation: FederationProvider[];
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
  const federation = federationProviders(environment, env.OIDC_PROVIDERS, env.NODE_ENV);
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
    smsGateway: env.SMS_GATEWAY_URL && env.SMS_GATEWAY_TOKEN ? { url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN, sender: env.SMS_SENDER } : undefined,
    federation,
  };
}

function federationProviders(
  environment: Record<string, string | undefined>,
  list: string | undefined,
  nodeEnv: 'development' | 'production' | 'test',
): FederationProvider[] {
  if (!list) return [];
  const problems: string[] = [];
  const providers: FederationProvider[] = [];
  for (const id of [...new Set(list.split(','))]) {
    // /connexion/federation/relier is the page where an identity not yet known is linked.
    if (id === 'relier') {
      problems.push('OIDC_PROVIDERS (« relier ») : ce nom est réservé par le service, choisissez-en un autre');
      continue;
    }
    const prefix = `OIDC_${id.toUpperCase().replaceAll('-', '_')}_`;
    const read = (name: string) => {
      const value = environment[prefix + name]?.trim();
      return value === '' ? undefined : value;
    };
    const issuer = read('ISSUER');
    const clientId = read('CLIENT_ID');
    const clientSecret = read('CLIENT_SECRET');
    if (!issuer) problems.push(`${prefix}ISSUER (absente) : adresse de l’émetteur OpenID Connect, obligatoire pour « ${id} »`);
    else if (!/^https?:\/\//.test(issuer) || !URL.canParse(issuer)) problems.push(`${prefix}ISSUER (« ${issuer} ») : adresse http(s) attendue`);
    else if (nodeEnv === 'production' && !issuer.startsWith('https:')) problems.push(`${prefix}ISSUER (« ${issuer} ») : doit être en https:// en production`);
    if (!clientId) problems.push(`${prefix}CLIENT_ID (absente) : identifiant du service auprès du fournisseur, obligatoire pour « ${id} »`);
    if (!clientSecret) problems.push(`${prefix}CLIENT_SECRET (absente) : secret du service auprès du fournisseur, obligatoire pour « ${id} »`);
    if (issuer && clientId && clientSecret) {
      providers.push({
        id,
        issuer,
        clientId,
        clientSecret,
        scopes: read('SCOPES') ?? 'openid',
        identifierClaim: read('IDENTIFIER_CLAIM'),
        label: read('LABEL') ?? `S’identifier avec ${id}`,
        acrValues: read('ACR_VALUES'),
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return providers;
}
