import { Heading, Text } from 'react-email';
import { z } from 'zod';
import { EmailLayout, headingStyle, textStyle } from './_components/layout';

export const memberRemovedProps = z.object({
  recipientName: z.string().min(1),
  accountName: z.string().min(1),
  removedByName: z.string().min(1),
  removedByEmail: z.string().email(),
  /** Whom to ask to be added again, from the rules ("the Account Owner or a User Administrator"). */
  askWhom: z.string().min(1),
});
export type MemberRemovedProps = z.infer<typeof memberRemovedProps>;

export const memberRemovedSubject = (p: MemberRemovedProps) => `You were removed from ${p.accountName}`;

/** Sent to a person whom a manager removed from an account on Access control → Users. */
export default function MemberRemovedEmail(p: MemberRemovedProps) {
  return (
    <EmailLayout
      preview={`${p.removedByName} removed you from ${p.accountName}`}
      footer={`You receive this e-mail because you were a user of the account ${p.accountName}.`}
    >
      <Heading as="h1" style={headingStyle}>
        You no longer have access to {p.accountName}
      </Heading>
      <Text style={textStyle}>Hello {p.recipientName},</Text>
      <Text style={textStyle}>
        {p.removedByName} ({p.removedByEmail}) removed you from the account <strong>{p.accountName}</strong>. You can no
        longer open it in the control panel, and you will no longer receive its notifications.
      </Text>
      <Text style={textStyle}>If this was a mistake, ask {p.askWhom} of {p.accountName} to invite you again.</Text>
    </EmailLayout>
  );
}

MemberRemovedEmail.PreviewProps = {
  recipientName: 'Bianca Billing',
  accountName: 'Northwind Labs',
  removedByName: 'Olivia Owner',
  removedByEmail: 'olivia@demo.example',
  askWhom: 'the Account Owner or a User Administrator',
} satisfies MemberRemovedProps;
