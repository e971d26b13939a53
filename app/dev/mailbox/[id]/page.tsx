import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { LocalTime } from '@/components/panel/local-time';
import { Card } from '@/components/ui/card';
import { ArrowLeftIcon, ChevronRightIcon, ExternalLinkIcon } from '@/components/ui/icons';
import { db } from '@/db';
import { getMailboxMessage } from '@/db/queries/mailbox';
import { devToolsEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Message · Local mailbox' };

/** Links open in a new tab: the sandbox (no same-origin, no top navigation) would break them inside the frame. */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + base) : base + html;
}

/** The http(s) links of the message, so a developer can follow a sign-in link in one click. */
function linksIn(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*\bhref\s*=\s*"([^"]+)"/gi)) {
    const href = match[1].replaceAll('&amp;', '&');
    if (/^https?:\/\//i.test(href)) found.add(href);
  }
  return [...found];
}

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await connection(); // decided where the server runs, not at build time
  if (!devToolsEnabled()) notFound();
  const { id } = await params;
  const message = await getMailboxMessage(db, { id });
  if (!message) notFound();
  const links = linksIn(message.html);

  const fields: { label: string; value: ReactNode }[] = [
    { label: 'From', value: message.from },
    { label: 'To', value: message.to.join(', ') },
    { label: 'CC', value: message.cc.length ? message.cc.join(', ') : <span className="text-slate-600">—</span> },
    { label: 'Date', value: <LocalTime value={message.createdAt} dateStyle="full" timeStyle="medium" /> },
  ];

  return (
    <div className="space-y-6">
      <Link
        href="/dev/mailbox"
        className="inline-flex items-center gap-1.5 rounded text-sm font-medium text-slate-700 hover:text-brand-700"
      >
        <ArrowLeftIcon className="size-4" />
        All messages
      </Link>

      <Card>
        <div className="space-y-4 p-6">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{message.subject || '(no subject)'}</h1>
          <dl className="grid grid-cols-[4rem_1fr] gap-x-4 gap-y-1.5 text-sm">
            {fields.map((field) => (
              <div key={field.label} className="contents">
                <dt className="font-medium text-slate-600">{field.label}</dt>
                <dd className="min-w-0 break-words text-slate-900">{field.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        {links.length > 0 ? (
          <div className="border-t border-slate-200 px-6 py-4">
            <h2 className="text-sm font-semibold text-slate-900">Links in this message</h2>
            <ul className="mt-2 space-y-1">
              {links.map((href) => (
                <li key={href} className="min-w-0">
                  <a
                    href={href}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="inline-flex max-w-full items-center gap-1.5 text-sm text-brand-700 hover:underline"
                  >
                    <span className="truncate">{href}</span>
                    <ExternalLinkIcon className="size-4 shrink-0" />
                    <span className="sr-only">(opens in a new tab)</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>

      <section aria-labelledby="html-part-heading" className="space-y-2">
        <h2 id="html-part-heading" className="text-sm font-semibold text-slate-900">
          HTML version
        </h2>
        <iframe
          title="Message body"
          srcDoc={withLinksInNewTab(message.html)}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          className="h-[70vh] min-h-[28rem] w-full rounded-xl border border-slate-200 bg-white shadow-sm"
        />
      </section>

      <details className="group rounded-xl border border-slate-200 bg-white shadow-sm">
        <summary className="flex cursor-pointer list-none items-center gap-2 rounded-xl px-6 py-4 text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
          <ChevronRightIcon className="size-4 text-slate-500 transition-transform group-open:rotate-90" />
          Plain-text version
        </summary>
        <pre className="overflow-x-auto border-t border-slate-200 px-6 py-4 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800">
          {message.text}
        </pre>
      </details>
    </div>
  );
}
