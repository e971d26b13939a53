'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';

/** A search field that keeps its query in the URL (`?q=`), resetting pagination. */
export function SearchBox({ label, placeholder }: { label: string; placeholder?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [value, setValue] = useState(searchParams.get('q') ?? '');
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const current = searchParams.get('q') ?? '';
    if (value.trim() === current) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams(searchParams);
      if (value.trim()) params.set('q', value.trim());
      else params.delete('q');
      params.delete('page');
      startTransition(() => router.replace(`${pathname}?${params}`, { scroll: false }));
    }, 250);
    return () => clearTimeout(timer);
  }, [value, searchParams, pathname, router]);

  return (
    <div className="relative w-full sm:max-w-xs">
      {/* While the list reloads, the magnifier turns into a spinner (the right edge holds the browser's clear button). */}
      {pending ? (
        <Spinner className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-brand-600" />
      ) : (
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500">
          <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z" clipRule="evenodd" />
        </svg>
      )}
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="pl-9"
      />
    </div>
  );
}
