'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { Switch } from '@/components/ui/switch';

/** Re-fetches the server component tree every few seconds while the tab is visible (switchable). */
export function AutoRefresh({ intervalMs = 2500, label = 'Auto-refresh' }: { intervalMs?: number; label?: string }) {
  const router = useRouter();
  const [enabled, setEnabled] = useState(true);
  const id = useId();

  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [enabled, intervalMs, router]);

  return (
    <div className="flex items-center gap-2">
      <Switch id={id} checked={enabled} onCheckedChange={setEnabled} />
      <label htmlFor={id} className="cursor-pointer text-sm text-slate-700">
        {label}
      </label>
    </div>
  );
}
