import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { textArray } from '@/db/sql-array';
import { isStorableText } from '@/lib/storable-text';
import { queryRows } from '@/db';

// Every string that is stored or compared in PostgreSQL: an event with text it cannot store
// (Resend never sends such) is not one of Resend's, instead of a 500 Resend would retry for days.
const text = z.string().refine(isStorableText);

const event = z.object({
  type: text,
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: text.optional(),
      to: z.union([z.array(text), text]).optional(),
      bounce: z.object({ message: text.optional(), type: text.optional() }).passthrough().optional(),
      failed: z.object({ reason: text.optional() }).passthrough().optional(),
    })
    .passthrough(),
});

// What each event makes of a delivery, and from which states (a late "delivered" never overwrites a bounce).
const transitions: Record<string, { to: string; from: string[] }> = {
  'email.sent': { to: 'sent', from: ['sending', 'sent'] },
  'email.delivered': { to: 'delivered', from: ['sending', 'sent'] },
  'email.delivery_delayed': { to: 'sent', from: ['sending', 'sent'] },
  'email.bounced': { to: 'bounced', from: ['sending', 'sent', 'delivered'] },
  'email.complained': { to: 'complained', from: ['sending', 'sent', 'delivered'] },
  'email.failed': { to: 'failed', from: ['sending', 'sent'] },
};

/**
 * Applies one verified Resend webhook event. Events are applied once (by
 * Svix message id). Bounces and complaints put the address on the
 * suppression list that later deliveries respect.
 */
export async function applyResendEvent(db: Db, messageId: string, payload: unknown): Promise<{ applied: boolean; reason?: string }> {
  const parsed = event.safeParse(payload);
  if (!parsed.success) return { applied: false, reason: 'not a Resend e-mail event' };
  const { type, data } = parsed.data;
  return db.transaction(async (tx) => {
    const fresh = await queryRows(tx, sql`insert into resend_webhook_events (id, type) values (${messageId}, ${type}) on conflict do nothing returning id`);
    if (fresh.length === 0) return { applied: false, reason: 'duplicate' };
    // Own keys only: a type such as "constructor" must not find Object.prototype's.
    const transition = Object.hasOwn(transitions, type) ? transitions[type] : undefined;
    if (!transition || !data.email_id) return { applied: false, reason: 'ignored event type' };

    const detail =
      type === 'email.bounced' ? `Bounced: ${data.bounce?.message ?? data.bounce?.type ?? 'the address does not accept mail'}`
      : type === 'email.complained' ? 'The recipient marked the e-mail as spam'
      : type === 'email.delivery_delayed' ? 'Delivery delayed by the receiving server; Resend keeps trying'
      : type === 'email.failed' ? `Failed: ${data.failed?.reason ?? 'the provider could not send it'}`
      : null;
    const updated = await queryRows<{ address: string }>(tx, sql`
      update deliveries set status = ${transition.to}::delivery_status, updated_at = now(),
             last_error = coalesce(${detail}, last_error)
      where provider_message_id = ${data.email_id} and channel = 'email'
        and status::text = any(${textArray(transition.from)})
      returning address`);

    if (type === 'email.bounced' || type === 'email.complained') {
      const addresses = new Set(updated.map((r) => r.address.toLowerCase()));
      for (const to of [data.to ?? []].flat()) addresses.add(to.toLowerCase());
      for (const email of addresses) {
        await tx.execute(sql`
          insert into suppressions (email, reason, detail) values (${email}, ${type === 'email.bounced' ? 'bounced' : 'complained'}, ${detail})
          on conflict (email) do nothing`);
      }
    }
    return { applied: true };
  });
}
