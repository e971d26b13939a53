import { Section } from 'react-email';

/** `due_date` → "Due date". */
export const labelFor = (key: string) => key.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

/** The publisher's key/value data as a two-column table; values are text only. */
export function DetailsTable({ data, marginBottom = 16 }: { data: Record<string, string | number | boolean> | undefined; marginBottom?: number }) {
  const entries = Object.entries(data ?? {});
  if (entries.length === 0) return null;
  return (
    <Section style={{ border: '1px solid #e2e8f0', borderRadius: 8, padding: '8px 16px', margin: `0 0 ${marginBottom}px` }}>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0}>
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <td style={{ padding: '6px 12px 6px 0', color: '#475569', fontSize: 14, verticalAlign: 'top', whiteSpace: 'nowrap' }}>{labelFor(key)}</td>
              <td style={{ padding: '6px 0', color: '#0f172a', fontSize: 14, fontWeight: 600 }}>{String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
