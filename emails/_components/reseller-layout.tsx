import type { ReactNode } from 'react';
import { Body, Container, Head, Html, Preview, Section, Text } from 'react-email';
import { brand } from './brand';

/**
 * The frame of every reseller event e-mail (seed 002): the platform's logo and
 * colour, "on behalf of <reseller>", and a footer that says this is a platform
 * notification sent through the reseller's portal. The reseller's name is
 * only ever a React text node, so whatever it contains is escaped.
 */
export function ResellerEmailLayout({
  preview,
  resellerName,
  children,
  banner,
}: {
  preview: string;
  resellerName: string;
  children: ReactNode;
  /** Shown above the card, e.g. for a test send. */
  banner?: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f1f5f9', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ maxWidth: 600, margin: '0 auto' }}>
          <Section style={{ padding: '0 8px 14px' }}>
            <table role="presentation" width="100%" cellPadding={0} cellSpacing={0}>
              <tbody>
                <tr>
                  <td style={{ width: 36 }}>
                    <div
                      style={{
                        width: 36,
                        height: 36,
                        lineHeight: '36px',
                        borderRadius: 9,
                        backgroundColor: brand.color,
                        color: '#ffffff',
                        fontWeight: 700,
                        fontSize: 19,
                        textAlign: 'center',
                      }}
                    >
                      {brand.logoText}
                    </div>
                  </td>
                  <td style={{ paddingLeft: 10, fontWeight: 700, fontSize: 16, color: brand.textColor }}>{brand.name}</td>
                  <td style={{ textAlign: 'right', fontSize: 13, color: brand.mutedColor }}>
                    on behalf of <span style={{ color: brand.textColor, fontWeight: 600 }}>{resellerName}</span>
                  </td>
                </tr>
              </tbody>
            </table>
          </Section>
          {banner}
          <Section
            style={{
              backgroundColor: '#ffffff',
              borderRadius: 12,
              border: '1px solid #e2e8f0',
              borderTop: `4px solid ${brand.color}`,
              padding: '28px 32px',
            }}
          >
            {children}
          </Section>
          <Text style={{ color: brand.mutedColor, fontSize: 12, lineHeight: '18px', padding: '16px 8px 0', margin: 0 }}>
            This is an automatic {brand.name} platform notification, sent on behalf of {resellerName} through its {brand.name}{' '}
            portal. If you have questions about it, please contact {resellerName}.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
