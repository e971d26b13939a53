import type { Metadata } from 'next';
import Link from 'next/link';
import { CenteredShell } from '@/components/panel/centered-shell';
import { buttonVariants } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <CenteredShell>
      <Card className="w-full max-w-md">
        <div className="space-y-6 p-8 text-center">
          <p className="text-sm font-semibold text-brand-700">404</p>
          <div className="space-y-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
            <p className="text-sm leading-relaxed text-slate-600">
              This page doesn&apos;t exist, or it belongs to an account you are not a member of.
            </p>
          </div>
          <Link href="/" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
            Go to the control panel
          </Link>
        </div>
      </Card>
    </CenteredShell>
  );
}
