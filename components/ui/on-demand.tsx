'use client';

import { cloneElement, type ComponentType, type KeyboardEvent, type ReactElement, useState } from 'react';

/** One download per loader, shared by every button that uses it; a failed one is tried again on the next press. */
const downloads = new Map<() => Promise<unknown>, Promise<unknown>>();
function download<T>(load: () => Promise<T>): Promise<T> {
  let promise = downloads.get(load) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    downloads.set(load, promise);
    promise.catch(() => downloads.delete(load));
  }
  return promise;
}

/**
 * A menu, popover or dialog whose code arrives the first time someone reaches for it,
 * so pages carry less script and hydrate faster (the header's menus are on every page,
 * the settings page has an Edit button on each of its 31 rows).
 *
 * Until then `trigger` stands in: the same button the loaded component renders as its
 * own trigger, announced as collapsed. Pointing at it or focusing it starts the download;
 * pressing it (click, Enter, Space, or ArrowDown on a menu) mounts the loaded component
 * with `initialOpen`, which takes it from there (focus moves in, and back to its trigger
 * when it closes). A press while the download runs marks the button busy and opens when
 * it arrives; a failed download leaves the button as it was, to be pressed again.
 */
export function OnDemand<P extends object>({
  load,
  props,
  trigger,
  popup,
}: {
  load: () => Promise<ComponentType<P & { initialOpen?: boolean }>>;
  props: P;
  trigger: ReactElement;
  popup: 'menu' | 'dialog';
}) {
  const [Loaded, setLoaded] = useState<ComponentType<P & { initialOpen?: boolean }> | null>(null);
  const [pending, setPending] = useState(false);
  if (Loaded) return <Loaded {...props} initialOpen />;

  const preload = () => void download(load).catch(() => {});
  const open = () => {
    if (pending) return;
    setPending(true);
    download(load).then(
      (component) => setLoaded(() => component),
      (error: unknown) => {
        setPending(false);
        console.error(error);
      },
    );
  };
  return cloneElement(trigger as ReactElement<Record<string, unknown>>, {
    'aria-haspopup': popup,
    'aria-expanded': false,
    'aria-busy': pending || undefined,
    'data-state': 'closed',
    onPointerEnter: preload,
    onFocus: preload,
    onClick: open,
    onKeyDown: (event: KeyboardEvent) => {
      if (popup === 'menu' && event.key === 'ArrowDown') {
        event.preventDefault();
        open();
      }
    },
  });
}
