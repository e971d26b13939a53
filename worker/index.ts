// The worker process: `npm run worker`. Reads the same environment as the web process, .env files included.
// `npm run worker -- --check` only says whether any worker is alive (worker/check.ts).
import '@/lib/dotenv';
import { appUrl, env, loadEnv } from '@/lib/env';
import { log } from '@/lib/log';

try {
  loadEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

if (process.argv.includes('--check')) {
  const { checkWorkers } = await import('./check');
  process.exit(await checkWorkers());
}

const logger = log('worker');
if (!env.DATABASE_URL) {
  logger.fatal('DATABASE_URL is not set. Use `npm start` for the all-in-one setup, or set DATABASE_URL.');
  process.exit(1);
}

const [{ perSecond }, { retryPolicyFrom }, { startWorker }, { serveWorkerMetrics }] = await Promise.all([
  import('@/lib/delivery/rate-limit'),
  import('@/lib/delivery/retry-policy'),
  import('./run'),
  import('./metrics-server'),
]);

const worker = await startWorker({
  databaseUrl: env.DATABASE_URL,
  from: env.MAIL_FROM,
  resendApiKey: env.RESEND_API_KEY,
  concurrency: env.WORKER_CONCURRENCY,
  appUrl: appUrl(),
  emailRate: perSecond(env.RESEND_RATE_LIMIT),
  retry: retryPolicyFrom(env),
  telegramBotToken: env.TELEGRAM_BOT_TOKEN,
  heartbeatMs: env.WORKER_HEARTBEAT_MS,
  staleAfterMs: env.WORKER_STALE_AFTER_MS,
  telegramApiBaseUrl: env.TELEGRAM_API_BASE_URL,
});
const metricsServer = env.WORKER_METRICS_PORT ? await serveWorkerMetrics(env.WORKER_METRICS_PORT, env.METRICS_TOKEN) : null;
logger.info(
  {
    email: env.RESEND_API_KEY ? 'resend' : 'mailbox',
    telegram: env.TELEGRAM_BOT_TOKEN ? 'bot_api' : 'simulator',
    concurrency: env.WORKER_CONCURRENCY,
    metricsPort: env.WORKER_METRICS_PORT ?? null,
  },
  `worker started: e-mail ${env.RESEND_API_KEY ? 'through Resend' : 'into the local mailbox'}, Telegram ${env.TELEGRAM_BOT_TOKEN ? 'through the Bot API' : 'into the local simulator'}`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    metricsServer?.close();
    await worker.stop();
    process.exit(0);
  });
}
