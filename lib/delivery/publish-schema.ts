import { z } from 'zod';
import { availability } from '@/db/schema';
import { findNotificationType } from '@/lib/notifications/catalog';
import { isStorableText } from '@/lib/storable-text';
import { ref } from '@/lib/directory/ref';

const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Trimmed, non-empty text without control characters (newlines and tabs allowed). */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // Control characters (other than newlines and tabs) have no place in an e-mail or a chat message.
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'must not contain control characters')
    .refine(isStorableText, UNSTORABLE_MESSAGE);

/** The `data` of a notification or an event: up to 30 short named values, shown as a table. */
export const contentData = z
  .record(
    z.string().min(1).max(60).refine(isStorableText, UNSTORABLE_MESSAGE),
    z.union([z.string().max(500).refine(isStorableText, UNSTORABLE_MESSAGE), z.number(), z.boolean()], {
      error: 'must be a string, a number or true or false',
    }),
  )
  .refine((d) => Object.keys(d).length <= 30, 'has more than 30 entries');

/** An absolute http(s) URL (never javascript: or data:). */
export const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/** A notification type of the catalog (`lib/notifications/catalog.ts`). */
export const notificationType = z.string().refine((t) => findNotificationType(t) !== null, 'is not a notification type of the catalog');

/** The texts of a notification, the same for one account (`POST /api/v1/notifications`) and for many (`POST /api/v1/broadcasts`). */
export const notificationTexts = {
  subject: plainText(200).refine((s) => !/[\r\n]/.test(s), 'must be a single line'),
  summary: plainText(2000).optional(),
  data: contentData.optional(),
  action: z.object({ label: plainText(60), url: httpUrl }).strict().optional(),
};

/** The body of `POST /api/v1/notifications`. */
export const publishNotificationBody = z
  .object({
    account_id: z.string().uuid().optional().meta({ description: 'The account, by our id. Give this or `account_ref`.' }),
    account_ref: ref.optional().meta({ description: 'The account, by the platform’s ref (directory API). Give this or `account_id`.' }),
    type: notificationType,
    availability: z.enum(availability.enumValues).optional(),
    project_id: z.string().uuid().optional(),
    project_ref: ref.optional().meta({ description: 'The project, by the platform’s ref; instead of `project_id`.' }),
    ...notificationTexts,
  })
  .strict()
  .superRefine((body, ctx) => {
    exactlyOne(ctx, body, 'account_id', 'account_ref');
    const type = findNotificationType(body.type);
    const resolved = body.availability ?? type?.defaultAvailability;
    const project = body.project_id ?? body.project_ref;
    if (body.project_id && body.project_ref) {
      ctx.addIssue({ code: 'custom', path: ['project_ref'], message: 'cannot be given together with project_id' });
    }
    if (resolved === 'project_users' && !project) {
      ctx.addIssue({ code: 'custom', path: ['project_id'], message: 'is required when availability is project_users' });
    }
    if (resolved !== 'project_users' && project) {
      ctx.addIssue({ code: 'custom', path: [body.project_id ? 'project_id' : 'project_ref'], message: 'is only allowed when availability is project_users' });
    }
  });

/** An object names something by our id or by the platform's ref: exactly one of the two. */
export function exactlyOne(ctx: z.RefinementCtx, body: Record<string, unknown>, id: string, refField: string) {
  if (body[id] === undefined && body[refField] === undefined) {
    ctx.addIssue({ code: 'custom', path: [id], message: `is required (or ${refField})` });
  } else if (body[id] !== undefined && body[refField] !== undefined) {
    ctx.addIssue({ code: 'custom', path: [refField], message: `cannot be given together with ${id}` });
  }
}

export type PublishNotificationBody = z.infer<typeof publishNotificationBody>;

/** The 202 of `POST /api/v1/notifications` (also replayed for a repeated Idempotency-Key). */
export const publishNotificationResponse = z
  .object({
    id: z.string().meta({ format: 'uuid', description: 'The notification; its status is at `/api/v1/notifications/{id}`.' }),
    status: z.literal('accepted'),
    category: z.string(),
    type: z.string(),
    availability: z.enum(availability.enumValues),
    recipients: z
      .object({ email: z.number().int(), telegram: z.number().int(), in_app: z.number().int() })
      .strict()
      .meta({ description: 'Deliveries queued per channel.' }),
    suppressed: z.number().int().meta({ description: 'E-mail recipients left out because their address bounced or complained.' }),
  })
  .strict();
export type PublishNotificationResponse = z.infer<typeof publishNotificationResponse>;

/** The content rendered into every channel, stored with the notification. */
export type NotificationContent = {
  summary?: string;
  data?: Record<string, string | number | boolean>;
  action?: { label: string; url: string };
};
