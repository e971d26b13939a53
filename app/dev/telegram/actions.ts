'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { devToolsEnabled, telegramSimulatorActive } from '@/lib/env';
import { isStorableText } from '@/lib/storable-text';
import { sendAsSimulatedUser } from '@/lib/telegram/simulator';
import { parseInput, refusal } from '@/lib/validation';

const input = z.object({
  chatId: z.coerce
    .number({ error: 'The chat id must be a number.' })
    .int('The chat id must be a whole number.')
    .min(1, 'The chat id must be positive.')
    .max(9_999_999_999_999, 'The chat id is too long.'),
  username: z
    .string()
    .trim()
    .transform((v) => v.replace(/^@/, ''))
    .pipe(z.string().regex(/^([A-Za-z][A-Za-z0-9_]{4,31})?$/, 'A username has 5–32 letters, digits or underscores.')),
  firstName: z
    .string()
    .trim()
    .min(1, 'Give the Telegram user a first name.')
    .max(64)
    .refine(isStorableText, 'The first name contains an invalid character.'),
  text: z
    .string()
    .trim()
    .min(1, 'Type a message.')
    .max(4096, 'Telegram messages have at most 4096 characters.')
    .refine(isStorableText, 'The message contains an invalid character.'),
});

export type SimulatorSendResult =
  | { ok: true; chatId: number }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** Sends a message to the bot as the simulated Telegram user (the simulator has no sign-in, like Telegram). */
export async function sendSimulatedMessageAction(raw: z.input<typeof input>): Promise<SimulatorSendResult> {
  if (!devToolsEnabled() || !telegramSimulatorActive()) {
    return { ok: false, error: 'The Telegram simulator is off: a bot token is configured or developer tools are disabled.' };
  }
  const parsed = parseInput(input, raw);
  if (!parsed.success) {
    // The form shows one message per field (the schema is flat, so a path is a field name).
    const { error, fieldErrors } = refusal(parsed.error, 'The message is not valid.');
    return { ok: false, error, fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages[0]])) };
  }
  const { username, ...rest } = parsed.data;
  await sendAsSimulatedUser(db, { ...rest, username: username || null });
  revalidatePath('/dev/telegram');
  return { ok: true, chatId: parsed.data.chatId };
}
