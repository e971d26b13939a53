import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/panel/auto-refresh';
import { LocalTime } from '@/components/panel/local-time';
import { PageHeader } from '@/components/panel/page-header';
import { TelegramLogo } from '@/components/telegram/telegram-logo';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { db } from '@/db';
import { devToolsEnabled, telegramSimulatorActive } from '@/lib/env';
import { stringParam } from '@/lib/format';
import { cn } from '@/lib/utils';
import { telegramBotUsername } from '@/lib/telegram/config';
import {
  DEFAULT_SIMULATED_USER,
  findSimulatedChatLink,
  listSimulatedChats,
  listSimulatedMessages,
  suggestSimulatedUser,
  type SimulatedUser,
} from '@/lib/telegram/simulator';
import { SimulatorComposer } from './_components/simulator-composer';

export const metadata: Metadata = { title: 'Telegram simulator' };
// Whether the simulator is on is decided by the running server's environment, never at build time.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

const chatHref = (user: { chatId: number; username: string | null; firstName: string | null }) => {
  const query = new URLSearchParams({ chat: String(user.chatId) });
  if (user.username) query.set('username', user.username);
  if (user.firstName) query.set('name', user.firstName);
  return `/dev/telegram?${query}`;
};

/** Who the simulator types as: the code's person (?start=), the chosen chat (?chat=), the latest chat, or a tester. */
async function simulatedUser(sp: SearchParams, latest: SimulatedUser | null): Promise<SimulatedUser> {
  const token = stringParam(sp.start, 64);
  if (token) {
    const suggested = await suggestSimulatedUser(db, { token });
    if (suggested) return suggested;
  }
  const chatId = Number(stringParam(sp.chat, 16));
  if (Number.isSafeInteger(chatId) && chatId > 0) {
    const link = await findSimulatedChatLink(db, { chatId });
    return {
      chatId,
      username: stringParam(sp.username, 32) ?? link?.username ?? null,
      firstName: stringParam(sp.name, 64) ?? link?.firstName ?? 'Tess',
    };
  }
  return latest ?? DEFAULT_SIMULATED_USER;
}

export default async function TelegramSimulatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  if (!devToolsEnabled()) notFound();
  const bot = telegramBotUsername();

  const header = (
    <PageHeader
      eyebrow="Developer tools"
      title="Telegram simulator"
      description={
        <>
          Without a bot token, <span className="font-medium text-slate-800">@{bot}</span> talks to this page instead of
          Telegram. Write to the bot as a Telegram user — for example the <code className="font-mono text-[13px]">/start</code>{' '}
          code from the Telegram block of Account Notifications — and read what it answers.
        </>
      }
      actions={telegramSimulatorActive() ? <AutoRefresh /> : undefined}
    />
  );

  if (!telegramSimulatorActive()) {
    return (
      <div className="space-y-6">
        {header}
        <Alert tone="warning" title="The simulator is off">
          TELEGRAM_BOT_TOKEN is set, so the bot talks to the real Telegram. Unset it to use the local simulator.
        </Alert>
      </div>
    );
  }

  const chats = await listSimulatedChats(db, { limit: 50 });
  const latest = chats[0]
    ? { chatId: chats[0].chatId, username: chats[0].username, firstName: chats[0].firstName ?? 'Tess' }
    : null;
  const user = await simulatedUser(sp, latest);
  const [messages, link] = await Promise.all([
    listSimulatedMessages(db, { chatId: user.chatId, limit: 200 }),
    findSimulatedChatLink(db, { chatId: user.chatId }),
  ]);
  const token = stringParam(sp.start, 64);
  const userLabel = user.username ? `@${user.username}` : user.firstName;

  return (
    <div className="space-y-6">
      {header}
      <div className="grid items-start gap-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
        <nav aria-labelledby="chats-heading">
          <Card className="overflow-hidden">
            <h2 id="chats-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
              Chats
            </h2>
            {chats.length === 0 ? (
              <p className="px-4 py-4 text-sm text-slate-600">No chats yet. Your first message starts one.</p>
            ) : (
              <ul className="max-h-[32rem] divide-y divide-slate-100 overflow-y-auto">
                {chats.map((chat) => {
                  const current = chat.chatId === user.chatId;
                  const title = chat.username ? `@${chat.username}` : `Chat ${chat.chatId}`;
                  return (
                    <li key={chat.chatId}>
                      <Link
                        href={chatHref(chat)}
                        aria-current={current ? 'page' : undefined}
                        className={cn(
                          'flex gap-3 px-4 py-3 text-sm hover:bg-slate-50 focus-visible:outline-offset-[-2px]',
                          current && 'bg-brand-50 hover:bg-brand-50',
                        )}
                      >
                        <Avatar name={chat.firstName ?? chat.username ?? 'T'} size="sm" />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate font-medium text-slate-900">{title}</span>
                          <span className="block truncate text-xs text-slate-600">
                            {chat.linkedTo ? `Linked to ${chat.linkedTo}` : 'Not linked'}
                          </span>
                          <span className="mt-0.5 block truncate text-xs text-slate-600">{chat.lastText}</span>
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </nav>

        <section aria-labelledby="conversation-heading">
          <Card className="flex flex-col overflow-hidden">
            <div className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
              <TelegramLogo className="size-9" />
              <div className="min-w-0 flex-1">
                <h2 id="conversation-heading" className="truncate text-sm font-semibold text-slate-900">
                  @{bot} <span className="font-normal text-slate-600">· chat with {userLabel}</span>
                </h2>
                <p className="text-xs text-slate-600">Chat id {user.chatId}</p>
              </div>
              {link ? (
                <Badge tone={link.status === 'active' ? 'success' : 'warning'}>
                  {link.status === 'active' ? `Linked to ${link.name}` : `Inactive link: ${link.name}`}
                </Badge>
              ) : (
                <Badge>Not linked</Badge>
              )}
            </div>

            {/* column-reverse keeps the newest message in view without script. */}
            <div
              role="region"
              aria-label="Chat messages"
              tabIndex={0}
              className="flex max-h-[34rem] min-h-64 flex-col-reverse overflow-y-auto bg-[#e7ebf0] px-4 py-5 focus-visible:outline-offset-[-2px] sm:px-6"
            >
              {messages.length === 0 ? (
                <p className="mx-auto mt-16 max-w-sm rounded-lg bg-white/80 px-4 py-3 text-center text-sm text-slate-700">
                  No messages in this chat yet. Send <code className="font-mono">/start</code> with a code from the panel to link it.
                </p>
              ) : (
                <ol className="flex flex-col gap-2">
                  {messages.map((m) => {
                    const mine = m.direction === 'from_user';
                    return (
                      <li
                        key={m.id}
                        className={cn(
                          'max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-sm sm:max-w-[70%]',
                          mine ? 'self-end rounded-br-md bg-[#d9fdd3] text-slate-900' : 'self-start rounded-bl-md bg-white text-slate-900',
                        )}
                      >
                        <span className="sr-only">{mine ? `${userLabel}:` : `@${bot}:`} </span>
                        <span className="break-words whitespace-pre-wrap">{m.text}</span>
                        <span className="mt-0.5 block text-right text-[11px] text-slate-600">
                          <LocalTime value={m.createdAt} dateStyle="short" timeStyle="short" />
                        </span>
                      </li>
                    );
                  })}
                </ol>
              )}
            </div>

            <SimulatorComposer
              key={`${user.chatId}:${token ?? ''}`}
              initial={{
                chatId: String(user.chatId),
                username: user.username ?? '',
                firstName: user.firstName,
                text: token ? `/start ${token}` : '',
              }}
            />
          </Card>
        </section>
      </div>
    </div>
  );
}
