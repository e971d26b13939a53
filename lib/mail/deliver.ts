import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { mailMessages } from '@/db/schema';
import { safeErrorText } from '@/lib/redact';
import { renderMail } from './render';
import { MailSendError, type MailTransport } from './transport';

/** Values of a message that grant access when read: the sign-in link. */
function secretProps(message: { template: string; props: Record<string, unknown> }): string[] {
  const url = message.props.url;
  if (message.template !== 'magic-link' || typeof url !== 'string') return [];
  return [url, URL.canParse(url) ? (new URL(url).searchParams.get('token') ?? '') : ''];
}

/** Once a message is sent or has failed for good, its sign-in link is of no use to us: it is not kept. */
function withoutSecrets(message: { template: string; props: Record<string, unknown> }): Record<string, unknown> {
  return message.template === 'magic-link' ? { ...message.props, url: '[removed after sending]' } : message.props;
}

export type DeliverOptions = { from: string; transport: MailTransport; finalAttempt: boolean };

/**
 * Renders and sends one queued message. Called by the worker; safe to call
 * again for the same message (a sent one is skipped, a resend reuses the
 * message id as idempotency key so the provider drops the duplicate).
 * Throws to ask the queue for a retry.
 */
export async function deliverMail(db: Db, id: string, options: DeliverOptions): Promise<void> {
  const message = await db.query.mailMessages.findFirst({ where: eq(mailMessages.id, id) });
  if (!message || message.status === 'sent' || message.status === 'failed') return;

  await db
    .update(mailMessages)
    .set({ status: 'sending', attempts: message.attempts + 1, transport: options.transport.name })
    .where(eq(mailMessages.id, id));

  try {
    const rendered = await renderMail(message.template, message.props);
    const { providerMessageId } = await options.transport.send({
      idempotencyKey: message.id,
      from: options.from,
      to: message.to,
      cc: message.cc,
      ...rendered,
    });
    await db
      .update(mailMessages)
      .set({ status: 'sent', providerMessageId, sentAt: new Date(), lastError: null, props: withoutSecrets(message) })
      .where(eq(mailMessages.id, id));
  } catch (error) {
    const retryable = error instanceof MailSendError ? error.retryable : false;
    const final = !retryable || options.finalAttempt;
    // A sign-in link must not survive in an error that is stored, and logged by the queue on retry.
    const lastError = safeErrorText(error instanceof Error ? error.message : String(error), secretProps(message));
    await db
      .update(mailMessages)
      .set({ status: final ? 'failed' : 'queued', lastError, ...(final ? { props: withoutSecrets(message) } : {}) })
      .where(eq(mailMessages.id, id));
    if (!final) throw new MailSendError(lastError, retryable);
  }
}
