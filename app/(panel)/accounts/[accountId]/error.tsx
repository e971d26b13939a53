'use client';

import { ErrorState } from '@/components/panel/error-state';

export default function PanelError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState error={error} retry={retry} />;
}
