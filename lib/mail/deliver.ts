import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { mailMessages } from '@/db/schema';
import { claim, MAIL_MESSAGES, recordFault, recordRateLimited, recordSent, type ChunkOutcome } from '@/lib/delivery/attempt';
import { acquireSendSlot, pauseSends, type RatePolicy } from '@/lib/delivery/rate-limit';
import type { RetryPolicy } from '@/lib/delivery/retry-policy';
import { safeErrorText } from '@/lib/redact';
import { renderMail } from './render';
import { MailSendError, type MailTransport } from './transport';

/** Values of a message that grant access when read: the sign-in link. */
function secretProps(message: { template: string; props: Record<string, unknown> }): string[] {
  const url = message.props.url;
  if (message.template !== 'magic-link' || typeof url !== 'string') return [];
  return [url, URL.canParse(url) ? (new URL(url).searchParams.get('token') ?? '') : ''];
}

export type DeliverOptions = {
  from: string;
  transport: MailTransport;
  /** The same limiter as every other e-mail of this transport: sign-in mail shares the provider's budget. */
  rate: RatePolicy;
  retry: Pick<RetryPolicy, 'maxAttempts' | 'backoff'>;
};

/**
 * Renders and sends one queued message through the attempt cycle every delivery uses
 * (lib/delivery/attempt.ts): a 429 waits with every sender and is not a try, a fault is tried
 * again after the policy's back-off until DELIVERY_MAX_ATTEMPTS, anything else is final.
 * Safe to call again for the same message: a settled one is skipped, and a resend reuses the
 * message id as idempotency key so the provider drops the duplicate. Answers when to come back.
 */
export async function deliverMail(db: Db, id: string, options: DeliverOptions): Promise<ChunkOutcome> {
  const message = await db.query.mailMessages.findFirst({ where: eq(mailMessages.id, id) });
  if (!message || message.status === 'sent' || message.status === 'failed') return { done: true };
  const limiter = `email:${options.transport.name}`;
  await acquireSendSlot(db, limiter, options.rate);
  if ((await claim(db, [id], { ledger: MAIL_MESSAGES, also: [sql`transport = ${options.transport.name}`] })).length === 0) return { done: true };

  try {
    const rendered = await renderMail(message.template, message.props);
    const { providerMessageId } = await options.transport.send({
      idempotencyKey: message.id,
      from: options.from,
      to: message.to,
      cc: message.cc,
      ...rendered,
    });
    await recordSent(db, [{ id, providerId: providerMessageId }], MAIL_MESSAGES);
    return { done: true };
  } catch (error) {
    // A sign-in link must not survive in an error that is stored or logged.
    const lastError = safeErrorText(error instanceof Error ? error.message : String(error), secretProps(message));
    if (error instanceof MailSendError && error.status === 429) {
      const wait = error.retryAfterMs ?? 1000;
      await pauseSends(db, limiter, wait);
      await recordRateLimited(db, [id], lastError, MAIL_MESSAGES);
      return { done: false, retryInMs: wait };
    }
    const retryable = error instanceof MailSendError ? error.retryable : false;
    return recordFault(db, [id], { message: lastError, retryable }, options.retry, MAIL_MESSAGES);
  }
}
