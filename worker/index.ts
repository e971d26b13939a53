// The worker process: `npm run worker`. Reads the same environment as the web process.
import { appUrl, env } from '@/lib/env';
import { perSecond } from '@/lib/delivery/rate-limit';
import { retryPolicyFrom } from '@/lib/delivery/retry-policy';
import { startWorker } from './run';

if (!env.DATABASE_URL) {
  console.error('DATABASE_URL is not set. Use `npm start` for the all-in-one setup, or set DATABASE_URL.');
  process.exit(1);
}

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
console.log(
  `worker: e-mail ${env.RESEND_API_KEY ? 'through Resend' : 'into the local mailbox'}, Telegram ${env.TELEGRAM_BOT_TOKEN ? 'through the Bot API' : 'into the local simulator'}`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    process.exit(0);
  });
}
