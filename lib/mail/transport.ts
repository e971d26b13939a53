import { inArray } from 'drizzle-orm';
import { Resend } from 'resend';
import type { Tx } from '@/db';
import { mailboxMessages } from '@/db/schema';
import { safeErrorText } from '@/lib/redact';

export type OutgoingMail = {
  /** The same key on a retry makes the provider (or the mailbox) drop the duplicate. */
  idempotencyKey: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
};

export type BatchMail = Omit<OutgoingMail, 'idempotencyKey'>;
/** Per e-mail, in the order sent: the provider's id, or why the provider refused that one e-mail. */
export type BatchResult = Array<{ providerMessageId: string } | { error: string }>;

export type MailTransport = {
  name: 'resend' | 'mailbox';
  send: (mail: OutgoingMail) => Promise<{ providerMessageId: string }>;
  /** Up to 100 e-mails in one request; the same key and e-mails on a retry are the identical request. */
  sendBatch: (mails: BatchMail[], idempotencyKey: string) => Promise<{ results: BatchResult; rateLimit: RateLimitInfo | null }>;
};

/** What the provider said about its rate limit (Resend's ratelimit-* headers). */
export type RateLimitInfo = { remaining: number; resetMs: number };

export const SEND_TIMEOUT_MS = 15_000;

function rateLimitInfo(headers: Record<string, string> | null | undefined): RateLimitInfo | null {
  const remaining = Number(headers?.['ratelimit-remaining']);
  const reset = Number(headers?.['ratelimit-reset']);
  return Number.isFinite(remaining) && Number.isFinite(reset) ? { remaining, resetMs: reset * 1000 } : null;
}

/** A failed send. `retryable` faults (5xx, 429, network) are tried again; the rest are final. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export function retryAfterMs(headers: Record<string, string> | null | undefined): number | null {
  const value = headers?.['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Sends through Resend's API (the SDK honours RESEND_BASE_URL, which tests point at a local fake). */
export function resendTransport(apiKey: string): MailTransport {
  const client = new Resend(apiKey);
  return {
    name: 'resend',
    async send(mail) {
      const { data, error, headers } = await client.emails.send(
        { from: mail.from, to: mail.to, cc: mail.cc.length ? mail.cc : undefined, subject: mail.subject, html: mail.html, text: mail.text },
        { idempotencyKey: mail.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) } as never,
      );
      if (error) throw resendError(error, headers, apiKey);
      return { providerMessageId: data.id };
    },
    async sendBatch(mails, idempotencyKey) {
      const { data, error, headers } = await client.batch.send(
        mails.map((m) => ({ from: m.from, to: m.to, cc: m.cc.length ? m.cc : undefined, subject: m.subject, html: m.html, text: m.text })),
        { idempotencyKey, batchValidation: 'permissive', signal: AbortSignal.timeout(SEND_TIMEOUT_MS) } as never,
      );
      if (error) throw resendError(error, headers, apiKey);
      // Permissive validation: refused e-mails are listed by index, the ids of the rest follow in order.
      const refused = new Map((data.errors ?? []).map((e: { index: number; message: string }) => [e.index, e.message]));
      const ids = data.data.map((d: { id: string }) => d.id);
      let next = 0;
      const results: BatchResult = mails.map((_, index) =>
        refused.has(index) ? { error: refused.get(index)! } : { providerMessageId: ids[next++] },
      );
      return { results, rateLimit: rateLimitInfo(headers) };
    },
  };
}

function resendError(
  error: { message: string; statusCode: number | null; name?: string },
  headers: Record<string, string> | null,
  apiKey: string,
) {
  const status = error.statusCode;
  // A 409 concurrent_idempotent_requests means the first request with this key is still being
  // processed (e.g. by a worker that died waiting for it): try again later and get its answer.
  const retryable = status === null || status === 429 || status >= 500 || error.name === 'concurrent_idempotent_requests';
  return new MailSendError(safeErrorText(`Resend: ${error.message}`, [apiKey]), retryable, status, retryAfterMs(headers));
}

/** Delivers into the local mailbox table (shown at /dev/mailbox) instead of the internet. */
export function mailboxTransport(db: Tx): MailTransport {
  return {
    name: 'mailbox',
    async send(mail) {
      const inserted = await db
        .insert(mailboxMessages)
        .values({ ...mail })
        .onConflictDoNothing({ target: mailboxMessages.idempotencyKey })
        .returning({ id: mailboxMessages.id });
      if (inserted[0]) return { providerMessageId: inserted[0].id };
      const existing = await db.query.mailboxMessages.findFirst({
        where: (m, { eq }) => eq(m.idempotencyKey, mail.idempotencyKey),
        columns: { id: true },
      });
      return { providerMessageId: existing!.id };
    },
    async sendBatch(mails, idempotencyKey) {
      const rows = mails.map((m, index) => ({ ...m, idempotencyKey: `${idempotencyKey}:${index}` }));
      await db.insert(mailboxMessages).values(rows).onConflictDoNothing({ target: mailboxMessages.idempotencyKey });
      const stored = await db
        .select({ id: mailboxMessages.id, key: mailboxMessages.idempotencyKey })
        .from(mailboxMessages)
        .where(inArray(mailboxMessages.idempotencyKey, rows.map((r) => r.idempotencyKey)));
      const byKey = new Map(stored.map((r) => [r.key, r.id]));
      return { results: rows.map((r) => ({ providerMessageId: byKey.get(r.idempotencyKey)! })), rateLimit: null };
    },
  };
}
