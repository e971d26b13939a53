import type { ReactNode } from 'react';
import { CenteredShell } from '@/components/panel/centered-shell';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <CenteredShell>{children}</CenteredShell>;
}
