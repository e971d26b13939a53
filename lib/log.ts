// The product's own log: one JSON object per line in production (for a log
// collector), short plain lines in development and tests. Every line passes
// through the same secret redaction as stored provider errors (lib/redact.ts),
// so an API key or bot token quoted back in an error never reaches the log.
import pino, { type Logger } from 'pino';
import { env } from '@/lib/env';
import { withoutSecrets } from '@/lib/redact';

const globalForLog = globalThis as unknown as { __log?: Logger };

/** Values that must never appear in a log line, as written and as JSON escapes them. */
function secrets(): string[] {
  const values = [env.RESEND_API_KEY, env.TELEGRAM_BOT_TOKEN, env.AUTH_SECRET, env.METRICS_TOKEN, env.RESEND_WEBHOOK_SECRET, env.TELEGRAM_WEBHOOK_SECRET, env.AUTH_OIDC_CLIENT_SECRET, env.DATABASE_URL];
  return values.filter((v): v is string => !!v).flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Development and tests: `[component] message key=value`, warnings and errors on stderr. */
const plainLines = {
  write(line: string) {
    const { level, msg, component, err, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const name = typeof level === 'number' ? (LEVEL_NAMES[level] ?? String(level)) : String(level);
    const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    const error = err && typeof err === 'object' ? `\n${String((err as { stack?: unknown }).stack ?? (err as { message?: unknown }).message)}` : '';
    const text = `${component ? `[${String(component)}] ` : ''}${name === 'info' ? '' : `${name}: `}${String(msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}${error}\n`;
    (typeof level === 'number' && level >= 40 ? process.stderr : process.stdout).write(text);
  },
};

function createLogger(): Logger {
  const hidden = secrets();
  const production = env.NODE_ENV === 'production';
  return pino(
    {
      level: env.LOG_LEVEL,
      base: production ? { pid: process.pid } : undefined,
      timestamp: production ? pino.stdTimeFunctions.isoTime : false,
      formatters: production ? { level: (label) => ({ level: label }) } : undefined,
      hooks: { streamWrite: (line) => withoutSecrets(line, hidden) },
    },
    production ? pino.destination({ dest: 1, sync: true }) : plainLines,
  );
}

/** The logger of one part of the product (`worker`, `web`, `ready` …), created on first use. */
export function log(component: string): Logger {
  globalForLog.__log ??= createLogger();
  return globalForLog.__log.child({ component });
}
