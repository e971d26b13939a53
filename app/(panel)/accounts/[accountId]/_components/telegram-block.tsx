import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { FlashProvider } from '@/components/ui/flash';
import { db } from '@/db';
import { formatDate } from '@/lib/format';
import { getCategory } from '@/lib/notifications/catalog';
import { roleLabels } from '@/lib/notifications/roles';
import { canManageSubscriptions, TELEGRAM_CATEGORY } from '@/lib/notifications/rules';
import { telegramBotUsername } from '@/lib/telegram/config';
import { accountList, getTelegramPanel, telegramDisplayName } from '@/lib/telegram/links';
import { TelegramConnect } from './telegram-connect';
import { TelegramLinkActions } from './telegram-link-actions';
import { TelegramLogo } from '@/components/telegram/telegram-logo';

const HEADING_ID = 'telegram-heading';
const categoryTitle = getCategory(TELEGRAM_CATEGORY).title;

/**
 * The Telegram block of Account Notifications (seeds 000/001): connect with a
 * QR code, see the linked chat, send a test message, disconnect — or, for
 * someone who may not, why and whom to ask.
 */
export function TelegramBlock(props: { accountId: string; userId: string; headingLevel?: 2 | 3 }) {
  // Rendered with the page, not streamed in: it sits above the subscriptions, and a placeholder
  // of another height would push them down once it arrived (a layout shift on every visit).
  return <TelegramBlockContent {...props} />;
}

function Frame({ badge, headingLevel = 2, children }: { badge: ReactNode; headingLevel?: 2 | 3; children: ReactNode }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={HEADING_ID}>
      <Card>
        <div className="flex items-start gap-4 px-6 pt-5 pb-4">
          <TelegramLogo />
          <div className="min-w-0 flex-1 space-y-0.5">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Heading id={HEADING_ID} className="text-base font-semibold text-slate-900">
                Telegram
              </Heading>
              {badge}
            </div>
            <p className="text-sm text-slate-600">
              {categoryTitle} notifications in Telegram as well as by e-mail. One chat serves all of your accounts.
            </p>
          </div>
        </div>
        <div className="border-t border-slate-100 px-6 py-5">
          {/* Always here, so a message survives the block changing state after an action. */}
          <FlashProvider>{children}</FlashProvider>
        </div>
      </Card>
    </section>
  );
}

type Manager = { name: string | null; email: string; role: keyof typeof roleLabels };

/** "Olivia Owner (Account Owner) or Ursula Useradmin (User Administrator)", with mail links. */
function WhomToAsk({ managers }: { managers: Manager[] }) {
  if (managers.length === 0) return <>the Account Owner</>;
  return (
    <>
      {managers.map((m, i) => (
        <span key={m.email}>
          {i > 0 ? (i === managers.length - 1 ? ' or ' : ', ') : null}
          <a href={`mailto:${m.email}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {m.name ?? m.email}
          </a>{' '}
          ({roleLabels[m.role]})
        </span>
      ))}
    </>
  );
}

/**
 * In which accounts the chat delivers (the person's, not only this account's), and, when this
 * account is not one of them, why and what to do about it.
 */
function DeliveryScope({
  connected,
  accounts,
  accountName,
  deliversHere,
  role,
  managers,
}: {
  connected: boolean;
  accounts: string[];
  accountName: string;
  deliversHere: boolean;
  role: Manager['role'];
  managers: Manager[];
}) {
  return (
    <div className="mb-4 space-y-2 rounded-lg border border-slate-200 bg-slate-50/70 px-4 py-3 text-sm text-slate-700">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1.5">
        <span>The chat {connected ? 'receives' : 'will receive'} {categoryTitle} notifications of</span>
        <span className="sr-only">{accountList(accounts)}.</span>
        <span aria-hidden="true" className="flex flex-wrap gap-1.5">
          {accounts.map((name) => (
            <Badge key={name} tone="brand">
              {name}
            </Badge>
          ))}
        </span>
      </p>
      {deliversHere ? null : role === 'subscriber' ? (
        <p className="text-slate-600">
          Not of <strong className="font-medium text-slate-800">{accountName}</strong>: Telegram notifications are not available
          to users with the Subscriber role.
        </p>
      ) : (
        <p className="text-slate-600">
          Not of <strong className="font-medium text-slate-800">{accountName}</strong>: you are not subscribed to {categoryTitle}{' '}
          here.{' '}
          {canManageSubscriptions(role) ? (
            <>You can subscribe yourself under User subscriptions in Account Notifications.</>
          ) : (
            <>
              To receive them too, ask <WhomToAsk managers={managers} /> to subscribe you.
            </>
          )}
        </p>
      )}
    </div>
  );
}

async function TelegramBlockContent({ accountId, userId, headingLevel }: { accountId: string; userId: string; headingLevel?: 2 | 3 }) {
  const { role, accountName, deliversHere, eligibility, link, managers } = await getTelegramPanel(db, { accountId, userId });
  const botUsername = telegramBotUsername();

  if (!eligibility.allowed) {
    const selfService = eligibility.code === 'not_subscribed' && canManageSubscriptions(role);
    return (
      <Frame headingLevel={headingLevel} badge={<Badge>Not available</Badge>}>
        <div className="space-y-3 text-sm leading-relaxed text-slate-700">
          <p className="font-medium text-slate-900">{eligibility.reason}</p>
          {selfService ? (
            <p>
              As a {roleLabels[role]} you can subscribe yourself: open <strong className="font-medium">{categoryTitle}</strong> under
              User subscriptions and choose Add recipients. Then come back here to connect Telegram.
            </p>
          ) : eligibility.code === 'not_subscribed' ? (
            <p>
              To get Telegram notifications, ask <WhomToAsk managers={managers} /> to subscribe you to {categoryTitle}.
            </p>
          ) : (
            <p>
              Telegram is for account users with another role. If you need it, ask <WhomToAsk managers={managers} /> about
              changing your role.
            </p>
          )}
          {link ? (
            <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <p>
                Your Telegram chat <strong className="font-medium text-slate-900">{telegramDisplayName(link)}</strong> stays
                connected for your other accounts.
              </p>
              <TelegramLinkActions accountId={accountId} displayName={telegramDisplayName(link)} canSendTest={false} />
            </div>
          ) : null}
        </div>
      </Frame>
    );
  }

  const scope = (
    <DeliveryScope
      connected={link?.status === 'active'}
      accounts={eligibility.deliversFor.map((a) => a.accountName)}
      accountName={accountName}
      deliversHere={deliversHere}
      role={role}
      managers={managers}
    />
  );

  if (link?.status === 'active') {
    const name = telegramDisplayName(link);
    return (
      <Frame headingLevel={headingLevel} badge={<Badge tone="success">Connected</Badge>}>
        {scope}
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex items-start gap-3">
            <span className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-emerald-100 text-emerald-700">
              <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
                <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
              </svg>
            </span>
            <div className="text-sm">
              <p className="font-medium text-slate-900">Connected as {name}</p>
              <p className="text-slate-600">
                Since {formatDate(link.linkedAt)}. {categoryTitle} notifications arrive from{' '}
                <span className="font-medium text-slate-800">@{botUsername}</span>; send /stop in the chat to turn them off.
              </p>
            </div>
          </div>
          <TelegramLinkActions accountId={accountId} displayName={name} canSendTest />
        </div>
      </Frame>
    );
  }

  if (link?.status === 'inactive') {
    const name = telegramDisplayName(link);
    return (
      <Frame headingLevel={headingLevel} badge={<Badge tone="warning">Reconnect needed</Badge>}>
        {scope}
        <div className="space-y-4">
          <div className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950">
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-600">
              <path fillRule="evenodd" clipRule="evenodd" d="M8.49 2.87c.66-1.15 2.36-1.15 3.02 0l6.28 10.93c.66 1.15-.17 2.57-1.51 2.57H3.72c-1.34 0-2.17-1.42-1.51-2.57L8.49 2.87ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
            </svg>
            <div className="space-y-1">
              <p className="font-semibold">Telegram stopped accepting messages from the bot — reconnect</p>
              <p className="leading-relaxed">
                Messages to {name} are refused{link.deactivatedAt ? ` since ${formatDate(link.deactivatedAt)}` : ''}: the bot was
                blocked or the chat was deleted. Reconnect to receive {categoryTitle} notifications in Telegram again.
              </p>
            </div>
          </div>
          <TelegramConnect
            accountId={accountId}
            botUsername={botUsername}
            label="Reconnect"
            aside={<TelegramLinkActions accountId={accountId} displayName={name} canSendTest={false} />}
          >
            <p className="text-sm text-slate-600">
              Unblock @{botUsername} and send /start in the same chat, or reconnect with a new QR code.
            </p>
          </TelegramConnect>
        </div>
      </Frame>
    );
  }

  return (
    <Frame headingLevel={headingLevel} badge={<Badge>Not connected</Badge>}>
      {scope}
      <TelegramConnect accountId={accountId} botUsername={botUsername} label="Connect">
        <ol className="grid gap-x-6 gap-y-2 text-sm text-slate-700 sm:grid-cols-3">
          <Step n={1}>Choose Connect to get a QR code and a link.</Step>
          <Step n={2}>Scan the QR code with your phone, or open the link in Telegram.</Step>
          <Step n={3}>
            Press Start in the chat with <span className="font-medium text-slate-900">@{botUsername}</span>. This page updates by itself.
          </Step>
        </ol>
      </TelegramConnect>
    </Frame>
  );
}

function Step({ n, children }: { n: number; children: ReactNode }) {
  return (
    <li className="flex gap-2.5">
      <span
        aria-hidden="true"
        className="inline-flex size-5 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700 ring-1 ring-brand-200"
      >
        {n}
      </span>
      <span className="leading-snug">{children}</span>
    </li>
  );
}
