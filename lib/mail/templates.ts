import type { ComponentType } from 'react';
import type { z } from 'zod';
import InvitationEmail, { invitationProps, invitationSubject } from '@/emails/invitation';
import MagicLinkEmail, { magicLinkProps, magicLinkSubject } from '@/emails/magic-link';
import MemberRemovedEmail, { memberRemovedProps, memberRemovedSubject } from '@/emails/member-removed';
import ResellerEventEmail, { resellerEventProps, resellerEventSubject } from '@/emails/reseller-event';
import UnsubscribedEmail, { unsubscribedProps, unsubscribedSubject } from '@/emails/unsubscribed';

type Template<S extends z.ZodType> = {
  props: S;
  subject: (props: z.infer<S>) => string;
  component: ComponentType<z.infer<S>>;
};

const define = <S extends z.ZodType>(t: Template<S>) => t;

/** Every transactional e-mail the app sends, by name. Props are validated when the mail is queued. */
export const templates = {
  'magic-link': define({ props: magicLinkProps, subject: magicLinkSubject, component: MagicLinkEmail }),
  unsubscribed: define({ props: unsubscribedProps, subject: unsubscribedSubject, component: UnsubscribedEmail }),
  invitation: define({ props: invitationProps, subject: invitationSubject, component: InvitationEmail }),
  'member-removed': define({ props: memberRemovedProps, subject: memberRemovedSubject, component: MemberRemovedEmail }),
  /** A reseller event e-mail (test sends from the Events page; published events go through lib/events/deliver.ts). */
  'reseller-event': define({ props: resellerEventProps, subject: resellerEventSubject, component: ResellerEventEmail }),
};

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = z.infer<(typeof templates)[N]['props']>;
