import { z } from 'zod';
import { availability } from '@/db/schema';
import { findNotificationType } from '@/lib/notifications/catalog';
import { isStorableText } from '@/lib/storable-text';

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

/** The body of `POST /api/v1/notifications`. */
export const publishNotificationBody = z
  .object({
    account_id: z.string().uuid(),
    type: z.string().refine((t) => findNotificationType(t) !== null, 'is not a notification type of the catalog'),
    availability: z.enum(availability.enumValues).optional(),
    project_id: z.string().uuid().optional(),
    subject: plainText(200).refine((s) => !/[\r\n]/.test(s), 'must be a single line'),
    summary: plainText(2000).optional(),
    data: contentData.optional(),
    action: z.object({ label: plainText(60), url: httpUrl }).strict().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const type = findNotificationType(body.type);
    const resolved = body.availability ?? type?.defaultAvailability;
    if (resolved === 'project_users' && !body.project_id) {
      ctx.addIssue({ code: 'custom', path: ['project_id'], message: 'is required when availability is project_users' });
    }
    if (resolved !== 'project_users' && body.project_id) {
      ctx.addIssue({ code: 'custom', path: ['project_id'], message: 'is only allowed when availability is project_users' });
    }
  });

export type PublishNotificationBody = z.infer<typeof publishNotificationBody>;

/** The content rendered into every channel, stored with the notification. */
export type NotificationContent = {
  summary?: string;
  data?: Record<string, string | number | boolean>;
  action?: { label: string; url: string };
};
