// `npm run telegram:webhook`: tells Telegram where the bot's webhook is
// (${APP_URL}/api/telegram/webhook) and the secret it must send with every
// update. Run it once after deploying, and again when APP_URL or the secret
// changes.
//
//   npm run telegram:webhook                       register (or update) the webhook
//   npm run telegram:webhook -- --drop-pending     …and drop updates Telegram queued meanwhile
//   npm run telegram:webhook -- --delete           remove it (the bot stops receiving updates)
import '@/lib/dotenv';
import { appUrl, env } from '@/lib/env';
import { createBotApi, DEFAULT_TELEGRAM_API_BASE_URL } from '@/lib/telegram/client';

const args = new Set(process.argv.slice(2));

function fail(message: string): never {
  console.error(`telegram:webhook: ${message}`);
  process.exit(1);
}

async function main() {
  if (!env.TELEGRAM_BOT_TOKEN) fail('set TELEGRAM_BOT_TOKEN to the token BotFather gave you.');
  const api = createBotApi({ token: env.TELEGRAM_BOT_TOKEN, baseUrl: env.TELEGRAM_API_BASE_URL, maxRetryAfterSeconds: 60 });
  const base = env.TELEGRAM_API_BASE_URL ?? DEFAULT_TELEGRAM_API_BASE_URL;

  if (args.has('--delete')) {
    await api.call('deleteWebhook', { drop_pending_updates: args.has('--drop-pending') });
    console.log(`Webhook removed (${base}).`);
    return;
  }

  if (!env.TELEGRAM_WEBHOOK_SECRET) {
    fail('set TELEGRAM_WEBHOOK_SECRET (1–256 characters of A-Z, a-z, 0-9, _ and -), e.g. `openssl rand -hex 32`.');
  }
  const url = `${appUrl().replace(/\/+$/, '')}/api/telegram/webhook`;
  if (!url.startsWith('https://') && base === DEFAULT_TELEGRAM_API_BASE_URL) {
    fail(`Telegram only calls HTTPS webhooks; APP_URL gives ${url}. Set APP_URL to the public https:// address of the panel.`);
  }

  await api.call('setWebhook', {
    url,
    secret_token: env.TELEGRAM_WEBHOOK_SECRET,
    // my_chat_member tells the bot when a person blocks it.
    allowed_updates: ['message', 'my_chat_member'],
    drop_pending_updates: args.has('--drop-pending'),
  });
  const info = await api.call<{ url: string; pending_update_count: number; last_error_message?: string }>('getWebhookInfo', {});
  console.log(`Webhook set: ${info.url}`);
  console.log(`Pending updates: ${info.pending_update_count}${info.last_error_message ? `; last error: ${info.last_error_message}` : ''}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
