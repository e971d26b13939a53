// The bot's webhook. Telegram calls it with each update and the secret we gave
// setWebhook (npm run telegram:webhook). The reply goes back as the response
// body, which Telegram executes as a Bot API call: no outbound request delays
// the answer.
import { after } from 'next/server';
import { db } from '@/db';
import { env } from '@/lib/env';
import { secretMatches } from '@/lib/secret-match';
import type { BotMessage } from '@/lib/telegram/client';
import { telegramClient } from '@/lib/telegram/config';
import { handleUpdate } from '@/lib/telegram/updates';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1_000_000;

/** After the response when running in Next.js; at once elsewhere (tests call the handler directly). */
function later(task: () => Promise<void>) {
  try {
    after(task);
  } catch {
    void task();
  }
}

function sendFollowUps(messages: BotMessage[]) {
  if (messages.length === 0) return;
  later(async () => {
    const client = telegramClient();
    for (const m of messages) await client.sendMessage(m.chatId, m.text).catch(() => {});
  });
}

export async function POST(request: Request): Promise<Response> {
  const secret = env.TELEGRAM_WEBHOOK_SECRET;
  if (!secret) return new Response('The Telegram webhook is not configured.', { status: 404 });

  const given = request.headers.get('x-telegram-bot-api-secret-token');
  if (!given) return new Response('Missing X-Telegram-Bot-Api-Secret-Token.', { status: 401 });
  if (!secretMatches(given, secret)) return new Response('Wrong X-Telegram-Bot-Api-Secret-Token.', { status: 403 });

  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return new Response('Update too large.', { status: 413 });
  let update: unknown;
  try {
    update = JSON.parse(text);
  } catch {
    return new Response('The body is not JSON.', { status: 400 });
  }

  const outcome = await handleUpdate(db, update);
  sendFollowUps(outcome.followUps);
  if (!outcome.reply) return new Response(null, { status: 200 });
  return Response.json({ method: 'sendMessage', chat_id: outcome.reply.chatId, text: outcome.reply.text });
}
