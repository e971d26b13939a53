'use client';

import { useEffect } from 'react';
import './globals.css';

/** Replaces the root layout when it fails itself, so it brings its own <html> and keeps to plain markup. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 font-sans text-slate-900">
        <title>Something went wrong · Nimbus Cloud</title>
        <main className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
          <p className="text-sm font-semibold text-brand-700">Nimbus Cloud</p>
          <h1 className="mt-2 text-xl font-semibold">Something went wrong</h1>
          <p className="mt-2 text-sm leading-relaxed text-slate-600">
            The control panel could not be displayed. Try again, and if it keeps happening, contact support.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="mt-6 inline-flex h-9 cursor-pointer items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
