'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { devToolsEnabled, telegramSimulatorActive } from '@/lib/env';
import { interactiveTelegramClient, telegramBotUsername } from '@/lib/telegram/config';
import { createLinkToken, disconnectTelegram, getTelegramStatus, sendTestMessage, telegramDisplayName } from '@/lib/telegram/links';
import { renderQrSvg } from '@/lib/telegram/qr';

const input = z.object({ accountId: z.string().uuid('Unknown account.') });
/** The Telegram block is on Account Notifications and on Profile & Settings. */
const revalidateTelegramBlocks = (id: string) => {
  revalidatePath(`/accounts/${id}/notifications`);
  revalidatePath(`/accounts/${id}/profile`);
};

/** Connect / Get a new code: a fresh single-use link with its QR code. */
export const connectTelegramAction = userAction(input, async ({ accountId }, { user }) => {
  const { token, link, ttlSeconds } = await createLinkToken(db, { accountId, userId: user.id, botUsername: telegramBotUsername() });
  return {
    data: {
      link,
      qrSvg: await renderQrSvg(link),
      ttlSeconds,
      // Without a bot token the demo flow goes through the local simulator instead of Telegram.
      simulatorHref: telegramSimulatorActive() && devToolsEnabled() ? `/dev/telegram?start=${encodeURIComponent(token)}` : null,
    },
  };
});

/** Polled while the QR code is shown, so the page notices the `/start` by itself. */
export const telegramStatusAction = userAction(input, async ({ accountId }, { user }) => {
  const link = await getTelegramStatus(db, { accountId, userId: user.id });
  return {
    data: link
      ? { state: link.status, displayName: telegramDisplayName(link) }
      : { state: 'none' as const, displayName: null },
  };
});

export const disconnectTelegramAction = userAction(input, async ({ accountId }, { user, meta }) => {
  const result = await disconnectTelegram(db, { accountId, userId: user.id, meta, client: interactiveTelegramClient() });
  revalidateTelegramBlocks(accountId);
  return { data: result, message: 'Telegram is disconnected. Notifications go to e-mail only.' };
});

export const sendTelegramTestAction = userAction(input, async ({ accountId }, { user }) => {
  try {
    const link = await sendTestMessage(db, { accountId, userId: user.id, client: interactiveTelegramClient() });
    return { data: null, message: `Test message sent to ${telegramDisplayName(link)}.` };
  } finally {
    // A refused message may have marked the link inactive: show "reconnect".
    revalidateTelegramBlocks(accountId);
  }
});
