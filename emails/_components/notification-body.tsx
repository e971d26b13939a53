import { Button, Heading, Hr, Text } from 'react-email';
import { z } from 'zod';
import { EmailLayout, buttonStyle, headingStyle, textStyle } from './layout';
import { brand } from './brand';
import { DetailsTable } from './details-table';

export const notificationEmailProps = z.object({
  accountName: z.string(),
  categoryTitle: z.string(),
  typeTitle: z.string(),
  subject: z.string(),
  summary: z.string().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  action: z.object({ label: z.string(), url: z.string() }).optional(),
  manageUrl: z.string(),
  /** Per-recipient values; the renderer passes placeholders and fills them in per recipient. */
  recipientName: z.string(),
  reason: z.string(),
});
export type NotificationEmailProps = z.infer<typeof notificationEmailProps>;


/** The body every category notification shares; each category template sets its accent and intro. */
export function NotificationEmail({ accent, intro, ...p }: NotificationEmailProps & { accent: string; intro: string }) {
  return (
    <EmailLayout
      preview={p.summary ?? p.subject}
      footer={`${p.reason} To change who receives these e-mails, open Account Notifications in the ${brand.name} control panel: ${p.manageUrl}`}
    >
      <Text style={{ ...textStyle, fontSize: 12, fontWeight: 700, letterSpacing: '0.06em', textTransform: 'uppercase', color: accent, margin: '0 0 8px' }}>
        {`${p.categoryTitle} · ${p.typeTitle}`}
      </Text>
      <Heading as="h1" style={headingStyle}>
        {p.subject}
      </Heading>
      <Text style={textStyle}>{`Hello ${p.recipientName},`}</Text>
      <Text style={textStyle}>{intro.replace('{account}', p.accountName)}</Text>
      {p.summary ? <Text style={{ ...textStyle, whiteSpace: 'pre-line' }}>{p.summary}</Text> : null}
      <DetailsTable data={p.data} marginBottom={16} />
      {p.action ? (
        <Button href={p.action.url} style={{ ...buttonStyle, backgroundColor: accent }}>
          {p.action.label}
        </Button>
      ) : null}
      <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0 0' }} />
    </EmailLayout>
  );
}

export const samplePreviewProps: NotificationEmailProps = {
  accountName: 'Northwind Labs',
  categoryTitle: 'Balance and payments',
  typeTitle: 'Debt',
  subject: 'Your balance is negative',
  summary: 'Top up your balance by 1 December to keep your services running.',
  data: { balance: '−42.10 EUR', due_date: '1 December 2026' },
  action: { label: 'Top up balance', url: 'https://panel.example/billing' },
  manageUrl: 'http://localhost:3000/accounts/00000000-0000-0000-0000-000000000000/notifications',
  recipientName: 'Bianca Billing',
  reason: 'You receive this e-mail because you are subscribed to Balance and payments in Northwind Labs.',
};
