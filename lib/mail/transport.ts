import { Resend } from 'resend';
import type { Tx } from '@/db';
import { mailboxMessages } from '@/db/schema';

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

export type MailTransport = {
  name: 'resend' | 'mailbox';
  send: (mail: OutgoingMail) => Promise<{ providerMessageId: string }>;
};

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
        { idempotencyKey: mail.idempotencyKey },
      );
      if (error) {
        const status = error.statusCode;
        const retryable = status === null || status === 429 || status >= 500;
        throw new MailSendError(`Resend: ${error.message}`, retryable, status, retryAfterMs(headers));
      }
      return { providerMessageId: data.id };
    },
  };
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
  };
}
