import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/utils';

const tones = {
  brand: 'bg-brand-50 text-brand-600',
  warning: 'bg-amber-50 text-amber-700',
};

/**
 * A page that is one message in a centred card (check your e-mail, a link that
 * can't be used, no account yet): an icon, the heading, what it means, and what
 * to do next.
 */
export function MessageCard({
  icon,
  tone = 'brand',
  title,
  description,
  children,
}: {
  icon: ReactNode;
  tone?: keyof typeof tones;
  title: ReactNode;
  /** One or more paragraphs under the heading. */
  description: ReactNode;
  /** The actions and notes below. */
  children: ReactNode;
}) {
  return (
    <Card className="w-full max-w-md">
      <div className="space-y-6 p-8 text-center">
        <div className={cn('mx-auto flex size-12 items-center justify-center rounded-full [&_svg]:size-6', tones[tone])}>{icon}</div>
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description}
        </div>
        {children}
      </div>
    </Card>
  );
}
