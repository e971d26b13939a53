import type { ReactNode } from 'react';
import { ClientMessages, ROOT_CLIENT_NAMESPACES } from '@/components/i18n/client-messages';
import { CenteredShell } from '@/components/panel/centered-shell';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    // The sign-in forms are client components; the invitation pages use no catalog text yet.
    <ClientMessages namespaces={[...ROOT_CLIENT_NAMESPACES, 'signIn']}>
      <CenteredShell>{children}</CenteredShell>
    </ClientMessages>
  );
}
