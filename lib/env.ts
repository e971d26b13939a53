import { z } from 'zod';
import { webhookSecretProblem } from '@/lib/delivery/webhook-signature';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'on', 'yes'].includes(v)));

// An empty variable (`TELEGRAM_BOT_TOKEN=` in a .env file) means "not set".
const unsetIfEmpty = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === '' ? undefined : v), inner);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  APP_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  AUTH_SECRET: z.string().min(16).optional(),
  /** Sign-in links by e-mail; `false` for operators who sign people in only through their OpenID provider. */
  AUTH_MAGIC_LINK: flag,
  // Sign in with the host platform (OpenID Connect): all three, or none.
  /** The issuer exactly as its discovery document (`/.well-known/openid-configuration`) names it. */
  AUTH_OIDC_ISSUER: unsetIfEmpty(z.string().url('expected the issuer URL, such as https://sso.example.com/realms/cloud').optional()),
  AUTH_OIDC_CLIENT_ID: unsetIfEmpty(z.string().min(1).optional()),
  AUTH_OIDC_CLIENT_SECRET: unsetIfEmpty(z.string().min(1).optional()),
  /** The button's label: "Continue with <name>". */
  AUTH_OIDC_NAME: unsetIfEmpty(z.string().trim().min(1).max(60, 'use at most 60 characters').default('SSO')),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  /** Signing secret (whsec_…) of the Resend webhook endpoint; without it /api/resend/webhook is off. */
  RESEND_WEBHOOK_SECRET: unsetIfEmpty(
    z
      .string()
      .superRefine((secret, ctx) => {
        const problem = webhookSecretProblem(secret);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  ),
  MAIL_FROM: z.string().min(3).default('Account Notifications <notifications@cloud.example>'),
  DEMO_MODE: flag,
  DEV_TOOLS: flag,
  /** The host platform's directory is the only place to change the members of the accounts it manages (those with a ref). */
  DIRECTORY_READ_ONLY: flag,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** Requests per second to Resend for the whole team, shared by every worker (Resend's default is 2). */
  RESEND_RATE_LIMIT: z.coerce.number().positive().max(1000).default(2),
  /** Requests a minute each API key may make to the publishing API (all web processes together). */
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /**
   * Reverse proxies in front of the web processes that add the address they saw to X-Forwarded-For.
   * The client is the entry that many places from the right; 0 ignores the header (no proxy).
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(1),
  /** Provider faults (5xx, time-outs) a delivery survives before it is final `failed`. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  // Retention (lib/ops/retention.ts): how long history is kept before the daily maintenance removes it.
  /** Notifications, their deliveries and sent mail: whole months are dropped once they ended this many days ago. */
  DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(180),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  /** The development mailbox (/dev/mailbox) and Telegram simulator. */
  MAILBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  /** Resend webhook ids already applied; Svix redelivers for up to a few days. */
  WEBHOOK_EVENT_RETENTION_DAYS: z.coerce.number().int().min(7).max(36_500).default(30),
  /** Telegram update ids already handled (the bot's replay guard). */
  TELEGRAM_UPDATE_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  /** How often a worker reports it is alive, and after how long without a report its jobs are freed. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
  WORKER_STALE_AFTER_MS: z.coerce.number().int().min(500).default(20_000),
  // Telegram. Without a bot token the bot talks to the local simulator at /dev/telegram.
  TELEGRAM_BOT_TOKEN: unsetIfEmpty(
    z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'expected a BotFather token such as 123456:ABC-DEF…').optional(),
  ),
  TELEGRAM_BOT_USERNAME: unsetIfEmpty(
    z
      .string()
      .transform((v) => v.replace(/^@/, ''))
      .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'expected a bot username such as NimbusCloudBot'))
      .default('NimbusCloudBot'),
  ),
  // Telegram allows 1–256 characters of A-Z, a-z, 0-9, _ and - in secret_token.
  TELEGRAM_WEBHOOK_SECRET: unsetIfEmpty(
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'use 1–256 characters of A-Z, a-z, 0-9, _ and -').optional(),
  ),
  TELEGRAM_API_BASE_URL: unsetIfEmpty(z.string().url().optional()),
  /** Bearer token for GET /metrics (and the worker's metrics port); without it /metrics is off (404). */
  METRICS_TOKEN: unsetIfEmpty(z.string().min(16, 'use at least 16 characters (openssl rand -hex 32)').optional()),
  /** A worker serves its own metrics (provider latency, 429s, rate-limit waits) on this port; off when unset. */
  WORKER_METRICS_PORT: unsetIfEmpty(z.coerce.number().int().min(1).max(65_535).optional()),
  LOG_LEVEL: unsetIfEmpty(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
}).superRefine((e, ctx) => {
  const oidc = { AUTH_OIDC_ISSUER: e.AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID: e.AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET: e.AUTH_OIDC_CLIENT_SECRET };
  const missing = Object.entries(oidc).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0 && missing.length < 3) {
    for (const name of missing) ctx.addIssue({ code: 'custom', path: [name], message: 'sign-in with OpenID Connect needs AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET together' });
  }
  // Nobody could sign in (demo sign-in aside): refuse to start rather than serve a sign-in page without a way in.
  if (e.AUTH_MAGIC_LINK === false && missing.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_MAGIC_LINK'], message: 'false turns off sign-in links, the only way in without OpenID Connect: set AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET, or leave AUTH_MAGIC_LINK on' });
  }
});

export type Env = z.infer<typeof schema>;

/** Every variable this file reads: what .env.example and compose.yaml must name (test/deployment-kit.test.ts). */
export const envVariableNames = (): string[] => Object.keys(schema.shape);

/** The configuration in `source`, or an error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

let parsed: Env | undefined;
/** This process's configuration, parsed once on first use. instrumentation.ts and the worker use it at start, so a bad value fails loudly there instead of deep inside a request. */
export function loadEnv(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

// Read on first use, not at import: a module may be imported before a test has set its variables.
export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => loadEnv()[key as keyof Env],
  has: (_target, key) => key in loadEnv(),
  ownKeys: () => Reflect.ownKeys(loadEnv()),
  getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(loadEnv(), key),
});

export const appUrl = () => env.APP_URL ?? `http://localhost:${env.PORT}`;

/** Demo sign-in: never in a production build unless DEMO_MODE is explicitly on. */
export const demoModeEnabled = () => env.DEMO_MODE ?? env.NODE_ENV !== 'production';

/** Local mailbox and simulators under /dev: outside production, or when DEV_TOOLS is on. */
export const devToolsEnabled = () => env.DEV_TOOLS ?? env.NODE_ENV !== 'production';

/** Accounts the directory API manages (with a ref) are read-only on the Users page. */
export const directoryReadOnly = () => env.DIRECTORY_READ_ONLY ?? false;

/** Sign-in links by e-mail: on unless AUTH_MAGIC_LINK=false (which start-up allows only with OIDC configured). */
export const magicLinkEnabled = () => env.AUTH_MAGIC_LINK ?? true;

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; name: string };

/** Sign in with the host platform: its issuer and client, or null when not configured. */
export function oidcConfig(): OidcConfig | null {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: clientId, AUTH_OIDC_CLIENT_SECRET: clientSecret } = env;
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret, name: env.AUTH_OIDC_NAME } : null;
}

/** Without a bot token, the bot "sends" into the local Telegram simulator (/dev/telegram). */
export const telegramSimulatorActive = () => !env.TELEGRAM_BOT_TOKEN;
