// The bodies and answers of POST /api/v1/broadcasts and GET /api/v1/broadcasts/{id}:
// one notification (the same type, availability and texts as POST /api/v1/notifications)
// to many accounts.
import { z } from 'zod';
import { availability } from '@/db/schema';
import { ref } from '@/lib/directory/ref';
import { findNotificationType } from '@/lib/notifications/catalog';
import { notificationTexts, notificationType } from './publish-schema';
import { deliveryCounts } from './status';

export const BROADCAST_MAX_ACCOUNTS = 100_000;
/** 100,000 refs of the longest kind, quoted and separated, and the texts of a notification. */
export const BROADCAST_MAX_BODY_BYTES = BROADCAST_MAX_ACCOUNTS * (128 + 3) + 64 * 1024;

/** The availabilities a broadcast may have: a project belongs to one account, so `project_users` names none of the others. */
const BROADCAST_AVAILABILITIES = ['all_users', 'account_users'] as const;

export const broadcastBody = z
  .object({
    account_ids: z
      .array(z.string().uuid())
      .min(1)
      .max(BROADCAST_MAX_ACCOUNTS)
      .optional()
      .meta({ description: 'Accounts by our id. With `account_refs`, at most 100,000 together; an account named twice gets one copy.' }),
    account_refs: z.array(ref).min(1).max(BROADCAST_MAX_ACCOUNTS).optional().meta({ description: 'Accounts by the platform’s ref (directory API).' }),
    all_accounts: z.literal(true).optional().meta({ description: '`true`: every open account, instead of a list.' }),
    type: notificationType,
    availability: z.enum(availability.enumValues).optional().meta({
      description: '`all_users` or `account_users`; defaults to the type’s. A type whose default is `project_users` needs one of the two.',
    }),
    ...notificationTexts,
  })
  .strict()
  .superRefine((body, ctx) => {
    const listed = (body.account_ids?.length ?? 0) + (body.account_refs?.length ?? 0);
    if (body.all_accounts && listed > 0) {
      ctx.addIssue({ code: 'custom', path: ['all_accounts'], message: 'cannot be given together with account_ids or account_refs' });
    } else if (!body.all_accounts && listed === 0) {
      ctx.addIssue({ code: 'custom', path: ['account_ids'], message: 'is required (or account_refs, or all_accounts: true)' });
    } else if (listed > BROADCAST_MAX_ACCOUNTS) {
      ctx.addIssue({ code: 'custom', path: ['account_refs'], message: `names more than ${BROADCAST_MAX_ACCOUNTS.toLocaleString('en')} accounts together with account_ids` });
    }
    if (body.availability === 'project_users') {
      ctx.addIssue({ code: 'custom', path: ['availability'], message: 'cannot be project_users in a broadcast (a project belongs to one account); publish to that account instead' });
    } else if (!body.availability) {
      const type = findNotificationType(body.type);
      if (type?.defaultAvailability === 'project_users') {
        ctx.addIssue({
          code: 'custom',
          path: ['availability'],
          message: `is required: the default of ${type.key}, project_users, names one account’s project; give all_users or account_users`,
        });
      }
    }
  });
export type BroadcastBody = z.infer<typeof broadcastBody>;
export type BroadcastAvailability = (typeof BROADCAST_AVAILABILITIES)[number];

const accountCounts = {
  total: z.number().int().meta({ description: 'Open accounts the broadcast reaches: one notification each.' }),
  closed_skipped: z.number().int().meta({ description: 'Accounts named (or, with all_accounts, none) that are closed: skipped.' }),
};

/** The 202 of `POST /api/v1/broadcasts` (also replayed for a repeated Idempotency-Key). */
export const broadcastAcceptedResponse = z
  .object({
    id: z.string().meta({ format: 'uuid', description: 'The broadcast; its progress is at `/api/v1/broadcasts/{id}`.' }),
    status: z.literal('accepted'),
    category: z.string(),
    type: z.string(),
    availability: z.enum(BROADCAST_AVAILABILITIES),
    accounts: z.object(accountCounts).strict(),
  })
  .strict();
export type BroadcastAccepted = z.infer<typeof broadcastAcceptedResponse>;

export const broadcastStatusResponse = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    type: z.string(),
    category: z.string(),
    availability: z.enum(BROADCAST_AVAILABILITIES),
    subject: z.string(),
    created_at: z.string().meta({ format: 'date-time' }),
    status: z.enum(['fanning_out', 'delivering', 'settled']).meta({
      description:
        '`fanning_out` while some account has no copy yet; `delivering` while some delivery is queued or being sent; `settled` when every one is sent, failed, suppressed or skipped.',
    }),
    accounts: z
      .object({
        ...accountCounts,
        done: z.number().int().meta({ description: 'Accounts whose copy is published (its deliveries queued), or that closed before their turn.' }),
        closed_later: z.number().int().meta({ description: 'Accounts closed after the broadcast was accepted, before their copy: skipped.' }),
      })
      .strict(),
    deliveries: deliveryCounts.meta({ description: 'How many deliveries of all copies are in each status, per channel.' }),
  })
  .strict();
export type BroadcastStatus = z.infer<typeof broadcastStatusResponse>;
