// What the bot does with an update from Telegram (the webhook) or from the
// local simulator: the same code for both.
import { z } from 'zod';
import type { Db } from '@/db';
import { telegramUpdates } from '@/db/schema';
import { getCategory } from '@/lib/notifications/catalog';
import { TELEGRAM_CATEGORY } from '@/lib/notifications/rules';
import { isStorableText } from '@/lib/storable-text';
import type { BotMessage } from './client';
import { accountList, consumeLinkToken, deactivateLink, findLinkByChat, reactivateChat, unlinkChat, type TelegramSender } from './links';

const chat = z.object({ id: z.number().int().safe(), type: z.string() });
// Names are stored with the link and its audit entry: an update with one PostgreSQL cannot store
// (Telegram never sends such) is not Telegram's and is ignored like any other malformed update.
const storedName = (max: number) => z.string().max(max).refine(isStorableText);
const user = z.object({
  id: z.number().int().safe(),
  is_bot: z.boolean().optional(),
  first_name: storedName(256).optional(),
  username: storedName(64).optional(),
});

// Only what the bot reads; everything else Telegram sends is ignored.
const updateSchema = z.object({
  update_id: z.number().int().safe(),
  message: z
    .object({
      chat,
      from: user.optional(),
      text: z.string().max(4096).optional(),
    })
    .optional(),
  my_chat_member: z
    .object({
      chat,
      from: user.optional(),
      new_chat_member: z.object({ status: z.string() }),
    })
    .optional(),
});

export type TelegramUpdate = z.input<typeof updateSchema>;

export type UpdateOutcome = {
  /** True when this update id was handled before (Telegram redelivers): nothing was done. */
  duplicate: boolean;
  /** The answer in the chat the update came from; the webhook returns it as its response body. */
  reply: BotMessage | null;
  /** Messages to other chats (a person's previous chat after they linked a new one). */
  followUps: BotMessage[];
};

const category = getCategory(TELEGRAM_CATEGORY).title;

export const botTexts = {
  /** `accounts`: the accounts whose notifications the chat now receives, as one phrase (accountList). */
  linked: (accounts: string) =>
    `Connected. ${category} notifications from Nimbus Cloud for ${accounts} will arrive in this chat.\n\nSend /stop to turn them off.`,
  invalidToken:
    'Sorry, this link can’t be used: it has expired, it was already used, or it isn’t a Nimbus Cloud link. Nothing was connected.\n\nIn the control panel, open Account Notifications and choose “Get a new code” in the Telegram block.',
  notEligible: (reason: string) =>
    `Sorry, Telegram can’t be connected. ${reason}\n\nThe Account Owner or a User Administrator of the account can subscribe you.`,
  replaced: 'This chat no longer receives Nimbus Cloud notifications: they were moved to another Telegram chat.',
  welcomeBack: 'Welcome back. Nimbus Cloud notifications arrive in this chat again.',
  alreadyLinked: 'This chat is connected to Nimbus Cloud. Send /stop to turn notifications off.',
  howToConnect:
    'Hello! To receive Nimbus Cloud notifications here, open the control panel → Account Notifications → Telegram → Connect, then scan the QR code or follow the link.',
  stopped: 'Telegram notifications from Nimbus Cloud are now off for this chat. You can connect again from the control panel at any time.',
  notLinked: 'This chat isn’t connected to Nimbus Cloud, so there is nothing to stop.',
  help: `I send Nimbus Cloud ${category} notifications. Connect from the control panel (Account Notifications → Telegram).\n\n/stop turns notifications off.`,
  privateOnly: 'Please write to me in a private chat.',
} as const;

/** `/start@Bot payload` → { command: 'start', payload }. */
function parseCommand(text: string): { command: string; payload: string } | null {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return match ? { command: match[1].toLowerCase(), payload: (match[2] ?? '').trim() } : null;
}

const nothing = (duplicate = false): UpdateOutcome => ({ duplicate, reply: null, followUps: [] });

/**
 * Handles one update exactly once: its id is recorded in the same transaction
 * as its effects, so a redelivered update is ignored and a failed one (rolled
 * back, answered 500) is processed again when Telegram retries.
 */
export async function handleUpdate(db: Db, raw: unknown): Promise<UpdateOutcome> {
  const parsed = updateSchema.safeParse(raw);
  if (!parsed.success) return nothing();
  const update = parsed.data;

  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(telegramUpdates)
      .values({ updateId: update.update_id })
      .onConflictDoNothing()
      .returning({ updateId: telegramUpdates.updateId });
    if (fresh.length === 0) return nothing(true);

    if (update.my_chat_member) {
      const { chat: c, new_chat_member: member } = update.my_chat_member;
      // The person blocked the bot: keep the link but stop sending until they come back.
      if (c.type === 'private' && member.status === 'kicked') {
        await deactivateLink(tx, { chatId: c.id, error: 'The user blocked the bot.' });
      }
      return nothing();
    }

    const message = update.message;
    if (!message?.text || message.from?.is_bot) return nothing();
    const command = parseCommand(message.text);
    const reply = (text: string): UpdateOutcome => ({ duplicate: false, reply: { chatId: message.chat.id, text }, followUps: [] });
    if (message.chat.type !== 'private') return command ? reply(botTexts.privateOnly) : nothing();

    const sender: TelegramSender = {
      chatId: message.chat.id,
      username: message.from?.username ?? null,
      firstName: message.from?.first_name ?? null,
    };

    switch (command?.command) {
      case 'start': {
        if (!command.payload) {
          const link = await findLinkByChat(tx, sender);
          if (!link) return reply(botTexts.howToConnect);
          if (link.status === 'inactive') {
            await reactivateChat(tx, sender);
            return reply(botTexts.welcomeBack);
          }
          return reply(botTexts.alreadyLinked);
        }
        const result = await consumeLinkToken(tx, { token: command.payload, ...sender });
        if (result.status === 'invalid') return reply(botTexts.invalidToken);
        if (result.status === 'not_eligible') return reply(botTexts.notEligible(result.reason));
        return {
          ...reply(botTexts.linked(accountList(result.deliversFor))),
          followUps: result.previousChatId !== null ? [{ chatId: result.previousChatId, text: botTexts.replaced }] : [],
        };
      }
      case 'stop': {
        const unlinked = await unlinkChat(tx, sender);
        return reply(unlinked ? botTexts.stopped : botTexts.notLinked);
      }
      default:
        return reply(botTexts.help);
    }
  });
}
