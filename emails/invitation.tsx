import { Button, Heading, Text } from 'react-email';
import { z } from 'zod';
import { EmailLayout, buttonStyle, headingStyle, textStyle } from './_components/layout';
import { brand } from './_components/brand';

export const invitationProps = z.object({
  accountName: z.string().min(1),
  invitedByName: z.string().min(1),
  invitedByEmail: z.string().email(),
  /** The roles the invitation gives, as the panel names them ("Billing Administrator", "Project Supervisor · Web shop"). */
  roles: z.array(z.string().min(1)).min(1),
  url: z.string().url(),
  /** "14 December 2026" */
  expiresOn: z.string().min(1),
});
export type InvitationProps = z.infer<typeof invitationProps>;

export const invitationSubject = (p: InvitationProps) => `${p.invitedByName} invited you to ${p.accountName}`;

/** Sent to a person invited on Access control → Users; the link signs them in and makes them a member. */
export default function InvitationEmail(p: InvitationProps) {
  return (
    <EmailLayout
      preview={`Join ${p.accountName} on ${brand.name}`}
      footer="If you did not expect this invitation, you can ignore it: nothing happens until the link is used."
    >
      <Heading as="h1" style={headingStyle}>
        You are invited to {p.accountName}
      </Heading>
      <Text style={textStyle}>
        {p.invitedByName} ({p.invitedByEmail}) invited you to the account <strong>{p.accountName}</strong> as{' '}
        <strong>{p.roles.join(', ')}</strong>.
      </Text>
      <Button href={p.url} style={buttonStyle}>
        Accept the invitation
      </Button>
      <Text style={{ ...textStyle, marginTop: 24 }}>The link signs you in, works once, and expires on {p.expiresOn}.</Text>
      <Text style={{ ...textStyle, fontSize: 13, wordBreak: 'break-all' }}>Or paste this link into your browser: {p.url}</Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  accountName: 'Northwind Labs',
  invitedByName: 'Olivia Owner',
  invitedByEmail: 'olivia@demo.example',
  roles: ['Billing Administrator'],
  url: 'http://localhost:3000/invitations/abc',
  expiresOn: '14 December 2026',
} satisfies InvitationProps;
