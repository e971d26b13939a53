import { createElement } from 'react';
import { renderEmail } from '@/lib/mail/render';
import { categoryTemplates } from '@/emails/notifications';
import type { NotificationCategory } from '@/db/schema';
import { findNotificationType, getCategory } from '@/lib/notifications/catalog';
import type { NotificationContent } from './publish-schema';

export type RenderedTemplate = { subject: string; html: string; text: string };
export type RecipientValues = { recipientName: string; reason: string };

// Plain ASCII tokens pass through React's escaping untouched, so they can be
// found again in the rendered HTML and text.
const PLACEHOLDERS: Record<keyof RecipientValues, string> = {
  recipientName: '%%RECIPIENT_NAME%%',
  reason: '%%RECIPIENT_REASON%%',
};
const PLACEHOLDER_PATTERN = /%%RECIPIENT_(NAME|REASON)%%/g;
const TOKEN_TO_KEY: Record<string, keyof RecipientValues> = { NAME: 'recipientName', REASON: 'reason' };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * Renders a notification's e-mail once, with placeholders where each
 * recipient's own values go (React Email render is ~1k/s; substitution is
 * ~200k/s, so a 100,000-recipient notification costs one render).
 */
export async function renderNotificationTemplate(n: {
  category: NotificationCategory;
  typeKey: string;
  subject: string;
  content: NotificationContent;
  accountName: string;
  manageUrl: string;
}): Promise<RenderedTemplate> {
  const element = createElement(categoryTemplates[n.category], {
    accountName: n.accountName,
    categoryTitle: getCategory(n.category).title,
    typeTitle: findNotificationType(n.typeKey)?.title ?? n.typeKey,
    subject: n.subject,
    summary: n.content.summary,
    data: n.content.data,
    action: n.content.action,
    manageUrl: n.manageUrl,
    recipientName: PLACEHOLDERS.recipientName,
    reason: PLACEHOLDERS.reason,
  });
  return { subject: n.subject, ...(await renderEmail(element)) };
}

/**
 * Renders each category's e-mail once, with its preview values, and throws the result away: the
 * first render in a process loads React's server renderer and compiles the templates, which a
 * worker does at start instead of in the first notification's send.
 */
export async function warmUpRenderer(): Promise<void> {
  for (const template of Object.values(categoryTemplates) as Array<(typeof categoryTemplates)[NotificationCategory] & { PreviewProps?: object }>) {
    if (template.PreviewProps) await renderEmail(createElement(template, template.PreviewProps as never));
  }
}

/** Fills one recipient's values into a rendered template: HTML-escaped in the HTML, as they are in the text. */
export function personalize(template: RenderedTemplate, values: RecipientValues): RenderedTemplate {
  return {
    subject: template.subject,
    html: template.html.replace(PLACEHOLDER_PATTERN, (_, token: string) => escapeHtml(values[TOKEN_TO_KEY[token]])),
    text: template.text.replace(PLACEHOLDER_PATTERN, (_, token: string) => values[TOKEN_TO_KEY[token]]),
  };
}

/** Why this person gets the e-mail, for its footer. */
export function recipientReason(p: { isOwner: boolean; categoryTitle: string; accountName: string }) {
  return p.isOwner
    ? `You receive this e-mail because you are the Account Owner of ${p.accountName}.`
    : `You receive this e-mail because you are subscribed to ${p.categoryTitle} in ${p.accountName}.`;
}
