'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

// A formatter is costly to build and a log page shows a column of timestamps: one per style and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''} ${options.dateStyle ?? ''} ${options.timeStyle ?? ''} ${options.timeZone ?? ''}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

/**
 * A timestamp in the reader's own time zone. The server renders it in UTC (it
 * cannot know the zone); the browser replaces it after hydration.
 */
export function LocalTime({
  value,
  dateStyle = 'medium',
  timeStyle = 'short',
  className,
}: {
  value: Date | string;
  dateStyle?: Intl.DateTimeFormatOptions['dateStyle'];
  timeStyle?: Intl.DateTimeFormatOptions['timeStyle'];
  className?: string;
}) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = typeof value === 'string' ? new Date(value) : value;
  const text = inBrowser
    ? formatter({ dateStyle, timeStyle }).format(date)
    : `${formatter({ dateStyle, timeStyle, timeZone: 'UTC' }, 'en-GB').format(date)} UTC`;
  return (
    <time dateTime={date.toISOString()} className={className}>
      {text}
    </time>
  );
}
