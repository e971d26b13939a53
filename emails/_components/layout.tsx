import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from 'react-email';
import { brand } from './brand';

/** Branded frame shared by every e-mail: logo, product name, content card, footer. */
export function EmailLayout({ preview, children, footer }: { preview: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f1f5f9', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ maxWidth: 560, margin: '0 auto' }}>
          <Section style={{ padding: '0 8px 16px' }}>
            <table role="presentation" cellPadding={0} cellSpacing={0}>
              <tbody>
                <tr>
                  <td
                    style={{
                      width: 32,
                      height: 32,
                      borderRadius: 8,
                      backgroundColor: brand.color,
                      color: '#ffffff',
                      fontWeight: 700,
                      fontSize: 18,
                      textAlign: 'center',
                    }}
                  >
                    {brand.logoText}
                  </td>
                  <td style={{ paddingLeft: 10, fontWeight: 700, fontSize: 16, color: brand.textColor }}>{brand.name}</td>
                </tr>
              </tbody>
            </table>
          </Section>
          <Section style={{ backgroundColor: '#ffffff', borderRadius: 12, padding: '28px 32px', border: '1px solid #e2e8f0' }}>
            {children}
          </Section>
          <Hr style={{ borderColor: 'transparent', margin: '8px 0' }} />
          <Text style={{ color: brand.mutedColor, fontSize: 12, lineHeight: '18px', padding: '0 8px', margin: 0 }}>
            {footer ?? `You receive this e-mail because you have a ${brand.name} account.`}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const textStyle = { color: brand.textColor, fontSize: 15, lineHeight: '24px', margin: '0 0 16px' } as const;
export const headingStyle = { color: brand.textColor, fontSize: 20, fontWeight: 700, margin: '0 0 16px' } as const;
export const buttonStyle = {
  backgroundColor: brand.color,
  color: '#ffffff',
  borderRadius: 8,
  padding: '12px 20px',
  fontWeight: 600,
  fontSize: 15,
  textDecoration: 'none',
  display: 'inline-block',
} as const;
