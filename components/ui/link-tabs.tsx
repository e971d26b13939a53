'use client';

import Link, { useLinkStatus } from 'next/link';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { Spinner } from './spinner';

export type LinkTab = { value: string; label: ReactNode; href: string; badge?: ReactNode };

const variants = {
  // Top-level sections: an underlined strip that scrolls sideways when it does not fit.
  underline: {
    list: 'relative flex items-end gap-1 overflow-x-auto border-b border-slate-200',
    tab: '-mb-px h-10 border-b-2 px-3 focus-visible:outline-offset-[-2px]',
    selected: 'border-brand-600 text-brand-700',
    idle: 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
  },
  // Second-level choices inside a section: pills that wrap, so every one stays in sight.
  pills: {
    list: 'flex flex-wrap gap-2',
    tab: 'h-9 rounded-lg px-3 ring-1 ring-inset',
    selected: 'bg-brand-50 text-brand-800 ring-brand-300',
    idle: 'bg-white text-slate-700 ring-slate-200 hover:bg-slate-50 hover:text-slate-900 hover:ring-slate-300',
  },
} as const;

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
  variant = 'underline',
  className,
}: {
  label: string;
  tabs: LinkTab[];
  selected: string;
  panelId: string;
  idPrefix: string;
  variant?: keyof typeof variants;
  className?: string;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);
  const styles = variants[variant];
  const selectedIndex = tabs.findIndex((t) => t.value === selected);

  // A selected tab beyond the edge of a scrolling strip (a link to the last tab, a narrow
  // screen) is scrolled into sight sideways only: the page itself must not jump.
  useEffect(() => {
    const list = listRef.current;
    const tab = refs.current[selectedIndex];
    if (!list || !tab || list.scrollWidth <= list.clientWidth) return;
    const left = tab.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + tab.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = Math.max(0, left - 16);
    }
  }, [selectedIndex]);

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
    <div ref={listRef} role="tablist" aria-label={label} className={cn(styles.list, className)}>
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
              'inline-flex shrink-0 items-center gap-2 text-sm font-medium whitespace-nowrap transition-colors',
              styles.tab,
              isSelected ? styles.selected : styles.idle,
            )}
          >
            {tab.label}
            {tab.badge}
            <TabPending />
          </Link>
        );
      })}
    </div>
  );
}

/** A spinner on the tab being opened while its content loads (the old content stays on screen meanwhile). */
function TabPending() {
  const { pending } = useLinkStatus();
  return pending ? <Spinner className="size-3.5 text-brand-600" /> : null;
}
