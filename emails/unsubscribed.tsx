import { Button, Heading, Text } from 'react-email';
import { z } from 'zod';
import { EmailLayout, buttonStyle, headingStyle, textStyle } from './_components/layout';

export const unsubscribedProps = z.object({
  recipientName: z.string().min(1),
  categoryTitle: z.string().min(1),
  accountName: z.string().min(1),
  removedByName: z.string().min(1),
  removedByEmail: z.string().email(),
  /** Whom to ask to be subscribed again, from the rules ("the Account Owner or a User Administrator"); absent in mail queued before it existed. */
  askWhom: z.string().min(1).optional(),
  panelUrl: z.string().url(),
});
export type UnsubscribedProps = z.infer<typeof unsubscribedProps>;

export const unsubscribedSubject = (p: UnsubscribedProps) =>
  `You were unsubscribed from “${p.categoryTitle}” in ${p.accountName}`;

/** Sent to a user when a manager of the account's subscriptions removes them from a category. */
export default function UnsubscribedEmail(p: UnsubscribedProps) {
  return (
    <EmailLayout
      preview={`${p.removedByName} unsubscribed you from ${p.categoryTitle}`}
      footer={`You receive this e-mail because you are a user of the account ${p.accountName}.`}
    >
      <Heading as="h1" style={headingStyle}>
        You were unsubscribed from a notification category
      </Heading>
      <Text style={textStyle}>Hello {p.recipientName},</Text>
      <Text style={textStyle}>
        {p.removedByName} ({p.removedByEmail}) unsubscribed you from the category <strong>{p.categoryTitle}</strong> in the
        account <strong>{p.accountName}</strong>. You will no longer receive these notifications by e-mail.
      </Text>
      <Text style={textStyle}>
        If this was a mistake, ask {p.askWhom ?? 'whoever manages subscriptions'} of {p.accountName} to subscribe you again.
      </Text>
      <Button href={p.panelUrl} style={buttonStyle}>
        Open Account Notifications
      </Button>
    </EmailLayout>
  );
}

UnsubscribedEmail.PreviewProps = {
  recipientName: 'Bianca Billing',
  categoryTitle: 'Balance and payments',
  accountName: 'Northwind Labs',
  removedByName: 'Olivia Owner',
  removedByEmail: 'olivia@demo.example',
  askWhom: 'the Account Owner or a User Administrator',
  panelUrl: 'http://localhost:3000/accounts/00000000-0000-0000-0000-000000000000/notifications',
} satisfies UnsubscribedProps;
