import { Button, Heading, Text } from 'react-email';
import { z } from 'zod';
import { EmailLayout, buttonStyle, headingStyle, textStyle } from './_components/layout';
import { brand } from './_components/brand';

export const magicLinkProps = z.object({
  url: z.string().url(),
  host: z.string().min(1),
});
export type MagicLinkProps = z.infer<typeof magicLinkProps>;

export const magicLinkSubject = () => `Sign in to ${brand.name}`;

export default function MagicLinkEmail({ url, host }: MagicLinkProps) {
  return (
    <EmailLayout
      preview={`Your sign-in link for ${host}`}
      footer="If you did not ask for this e-mail, you can ignore it: nobody can sign in without the link."
    >
      <Heading as="h1" style={headingStyle}>
        Sign in to the control panel
      </Heading>
      <Text style={textStyle}>Click the button below to sign in to {host}. The link works once and expires in 24 hours.</Text>
      <Button href={url} style={buttonStyle}>
        Sign in
      </Button>
      <Text style={{ ...textStyle, fontSize: 13, marginTop: 24, wordBreak: 'break-all' }}>
        Or paste this link into your browser: {url}
      </Text>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  url: 'http://localhost:3000/api/auth/callback/resend?token=preview&email=owner%40example.com',
  host: 'localhost:3000',
} satisfies MagicLinkProps;
