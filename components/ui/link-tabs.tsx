'use client';

import Link from 'next/link';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/lib/utils';

export type LinkTab = { value: string; label: ReactNode; href: string; badge?: ReactNode };

/**
 * Tabs whose selection lives in the URL, so a tab can be linked and survives
 * reload. WAI-ARIA tabs pattern: one tab stop, arrow keys / Home / End move
 * between tabs, Enter or Space opens one. Every tab controls the same panel,
 * which the page renders with `id={panelId}`.
 */
export function LinkTabs({
  label,
  tabs,
  selected,
  panelId,
  idPrefix,
  className,
}: {
  label: string;
  tabs: LinkTab[];
  selected: string;
  panelId: string;
  idPrefix: string;
  className?: string;
}) {
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next !== null) {
      event.preventDefault();
      refs.current[next]?.focus();
    } else if (event.key === ' ') {
      event.preventDefault();
      event.currentTarget.click();
    }
  };
  return (
    <div role="tablist" aria-label={label} className={cn('flex items-end gap-1 overflow-x-auto border-b border-slate-200', className)}>
      {tabs.map((tab, index) => {
        const isSelected = tab.value === selected;
        return (
          <Link
            key={tab.value}
            ref={(el) => {
              refs.current[index] = el;
            }}
            id={`${idPrefix}-${tab.value}`}
            href={tab.href}
            role="tab"
            aria-selected={isSelected}
            aria-controls={panelId}
            tabIndex={isSelected ? 0 : -1}
            scroll={false}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={cn(
              '-mb-px inline-flex h-10 shrink-0 items-center gap-2 border-b-2 px-3 text-sm font-medium whitespace-nowrap focus-visible:outline-offset-[-2px]',
              isSelected
                ? 'border-brand-600 text-brand-700'
                : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
            )}
          >
            {tab.label}
            {tab.badge}
          </Link>
        );
      })}
    </div>
  );
}
