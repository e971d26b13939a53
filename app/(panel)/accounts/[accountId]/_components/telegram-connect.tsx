'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { connectTelegramAction, telegramStatusAction } from '../telegram-actions';
import { Alert } from '@/components/ui/alert';
import { Button, buttonVariants } from '@/components/ui/button';
import { useFlash } from '@/components/ui/flash';
import { CheckIcon, ClockIcon, ExternalLinkIcon, RefreshIcon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/utils';

const POLL_MS = 2000;

type Code = { link: string; qrSvg: string; simulatorHref: string | null; expiresAt: number };
type State = { kind: 'idle' } | ({ kind: 'connecting' } & Code) | { kind: 'connected'; displayName: string };

const remainingText = (ms: number) => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * Connect (or Reconnect): asks the server for a single-use link and its QR
 * code, counts down its ten minutes, and polls until the bot has received
 * `/start <token>` — then the page shows the connected chat by itself.
 */
export function TelegramConnect({
  accountId,
  botUsername,
  label,
  aside,
  children,
}: {
  accountId: string;
  botUsername: string;
  label: 'Connect' | 'Reconnect';
  /** More actions shown beside the button while idle. */
  aside?: ReactNode;
  /** What is shown beside the button while idle. */
  children?: ReactNode;
}) {
  const router = useRouter();
  const flash = useFlash();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [now, setNow] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const panelHeadingRef = useRef<HTMLHeadingElement>(null);
  const connectButtonRef = useRef<HTMLButtonElement>(null);
  const wasConnecting = useRef(false);

  const expired = state.kind === 'connecting' && now >= state.expiresAt;

  const requestCode = () =>
    startTransition(async () => {
      setError(null);
      const result = await connectTelegramAction({ accountId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const receivedAt = Date.now();
      setNow(receivedAt);
      setCopied(false);
      setState({
        kind: 'connecting',
        link: result.data.link,
        qrSvg: result.data.qrSvg,
        simulatorHref: result.data.simulatorHref,
        expiresAt: receivedAt + result.data.ttlSeconds * 1000,
      });
    });

  // Focus follows the content: to the QR panel when it opens, back to the button when it closes.
  useEffect(() => {
    if (state.kind === 'connecting' && !wasConnecting.current) panelHeadingRef.current?.focus();
    if (state.kind === 'idle' && wasConnecting.current) connectButtonRef.current?.focus();
    wasConnecting.current = state.kind === 'connecting';
  }, [state.kind]);

  // The countdown.
  useEffect(() => {
    if (state.kind !== 'connecting') return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [state.kind]);

  // Notice by itself when the bot has linked the chat.
  useEffect(() => {
    if (state.kind !== 'connecting' || expired) return;
    let cancelled = false;
    let inFlight = false;
    const timer = window.setInterval(async () => {
      if (inFlight || document.visibilityState !== 'visible') return;
      inFlight = true;
      try {
        const result = await telegramStatusAction({ accountId });
        if (cancelled || !result.ok || result.data.state !== 'active') return;
        const displayName = result.data.displayName ?? 'your Telegram account';
        setState({ kind: 'connected', displayName });
        flash(`Telegram is connected: ${displayName} will receive your notifications.`);
        router.refresh();
      } finally {
        inFlight = false;
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [state.kind, expired, accountId, flash, router]);

  const copyLink = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const errorAlert = error ? (
    <Alert tone="danger" role="alert" className="mt-4">
      {error}
    </Alert>
  ) : null;

  if (state.kind === 'connected') {
    return (
      <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
        <CheckIcon className="size-5 text-emerald-600" />
        Connected as {state.displayName}
      </p>
    );
  }

  if (state.kind === 'idle') {
    return (
      <div>
        <div className="flex flex-col gap-4 lg:flex-row lg:items-center lg:justify-between">
          <div className="min-w-0 flex-1">{children}</div>
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            {aside}
            <Button ref={connectButtonRef} onClick={requestCode} disabled={pending} aria-busy={pending || undefined}>
              {pending ? <Spinner /> : null}
              {label}
            </Button>
          </div>
        </div>
        {errorAlert}
      </div>
    );
  }

  return (
    <div>
      <div className="flex flex-col gap-6 sm:flex-row">
        <div className="relative shrink-0 self-center sm:self-start">
          <div
            role="img"
            aria-label={expired ? 'QR code for the Telegram link (expired)' : 'QR code for the Telegram link'}
            className={cn(
              'size-48 rounded-xl border border-slate-200 bg-white p-1.5 shadow-sm transition-opacity',
              expired && 'opacity-20',
            )}
            dangerouslySetInnerHTML={{ __html: state.qrSvg }}
          />
          {expired ? (
            <span className="absolute inset-0 flex items-center justify-center text-sm font-semibold text-slate-900">Expired</span>
          ) : null}
        </div>

        <div className="min-w-0 flex-1 space-y-4">
          <div className="space-y-1">
            <h3 ref={panelHeadingRef} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
              Scan the QR code with your phone
            </h3>
            <p className="text-sm text-slate-600">
              Or open the link in Telegram on this device. Then press <strong className="font-medium text-slate-800">Start</strong> in
              the chat with @{botUsername}.
            </p>
          </div>

          <div className="flex items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 py-1.5 pr-1.5 pl-3">
            <a
              href={state.link}
              target="_blank"
              rel="noopener noreferrer"
              className="min-w-0 flex-1 truncate font-mono text-[13px] text-brand-700 underline-offset-2 hover:underline"
              title={state.link}
            >
              {state.link}
            </a>
            <Button variant="ghost" size="sm" onClick={() => copyLink(state.link)}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>

          <div className="flex flex-wrap gap-2">
            {state.simulatorHref ? (
              <a href={state.simulatorHref} target="_blank" rel="noopener" className={buttonVariants({ variant: 'primary', size: 'sm' })}>
                Open the Telegram simulator
                <ExternalLinkIcon />
              </a>
            ) : null}
            <a
              href={state.link}
              target="_blank"
              rel="noopener noreferrer"
              className={buttonVariants({ variant: state.simulatorHref ? 'secondary' : 'primary', size: 'sm' })}
            >
              Open in Telegram
              <ExternalLinkIcon />
            </a>
          </div>
          {state.simulatorHref ? (
            <p className="text-xs text-slate-600">
              No bot token is configured, so the bot answers in the local Telegram simulator instead of Telegram.
            </p>
          ) : null}

          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-slate-100 pt-4">
            <p className="inline-flex items-center gap-1.5 text-sm text-slate-700">
              <ClockIcon className="size-4 text-slate-500" />
              {expired ? (
                <span className="font-medium text-slate-900">This code has expired</span>
              ) : (
                <span>
                  Code expires in <span className="font-medium text-slate-900 tabular-nums">{remainingText(state.expiresAt - now)}</span>
                </span>
              )}
            </p>
            <div className="flex gap-2">
              <Button variant={expired ? 'primary' : 'secondary'} size="sm" onClick={requestCode} disabled={pending}>
                {pending ? <Spinner /> : <RefreshIcon />}
                Get a new code
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setState({ kind: 'idle' })}>
                Cancel
              </Button>
            </div>
          </div>

          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            {expired ? (
              'The code expired before it was used. Get a new code to try again.'
            ) : (
              <>
                <Spinner className="text-brand-600" />
                Waiting for you to press Start in Telegram…
              </>
            )}
          </p>
        </div>
      </div>
      {errorAlert}
    </div>
  );
}
