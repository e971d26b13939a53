'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

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
    ? new Intl.DateTimeFormat(undefined, { dateStyle, timeStyle }).format(date)
    : `${new Intl.DateTimeFormat('en-GB', { dateStyle, timeStyle, timeZone: 'UTC' }).format(date)} UTC`;
  return (
    <time dateTime={date.toISOString()} className={className}>
      {text}
    </time>
  );
}
