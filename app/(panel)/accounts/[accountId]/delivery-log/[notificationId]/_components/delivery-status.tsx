import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { DeliveryStatus } from '@/db/schema';

export const statusLabels: Record<DeliveryStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  bounced: 'Bounced',
  complained: 'Complained',
  failed: 'Failed',
  suppressed: 'Suppressed',
  skipped: 'Skipped',
};

const tones: Record<DeliveryStatus, BadgeTone> = {
  queued: 'neutral',
  sending: 'brand',
  sent: 'brand',
  delivered: 'success',
  bounced: 'danger',
  complained: 'warning',
  failed: 'danger',
  suppressed: 'warning',
  skipped: 'neutral',
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <Badge tone={tones[status]}>{statusLabels[status]}</Badge>;
}
