import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'on', 'yes'].includes(v)));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  APP_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  AUTH_SECRET: z.string().min(16).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Account Notifications <notifications@cloud.example>'),
  DEMO_MODE: flag,
  DEV_TOOLS: flag,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
});

export type Env = z.infer<typeof schema>;

// Parsed once; a bad value fails loudly at start-up instead of deep inside a request.
export const env: Env = (() => {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
})();

export const appUrl = () => env.APP_URL ?? `http://localhost:${env.PORT}`;

/** Demo sign-in: never in a production build unless DEMO_MODE is explicitly on. */
export const demoModeEnabled = () => env.DEMO_MODE ?? env.NODE_ENV !== 'production';

/** Local mailbox and simulators under /dev: outside production, or when DEV_TOOLS is on. */
export const devToolsEnabled = () => env.DEV_TOOLS ?? env.NODE_ENV !== 'production';
