'use client';

import { CenteredShell } from '@/components/panel/centered-shell';
import { ErrorState } from '@/components/panel/error-state';

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <CenteredShell>
      <div className="w-full max-w-lg">
        <ErrorState error={error} retry={retry} />
      </div>
    </CenteredShell>
  );
}
