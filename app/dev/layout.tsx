import Link from 'next/link';
import type { ReactNode } from 'react';
import { Logo } from '@/components/panel/logo';
import { Badge } from '@/components/ui/badge';

export default function DevToolsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 w-full max-w-6xl items-center gap-4 px-4 sm:px-8">
          <Link href="/" className="shrink-0 rounded-lg">
            <Logo subtitle="Developer tools" />
          </Link>
          <Badge tone="warning" className="ml-auto">
            Local development only
          </Badge>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-8">{children}</main>
    </div>
  );
}
