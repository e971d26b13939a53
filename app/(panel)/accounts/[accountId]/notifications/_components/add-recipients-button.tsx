'use client';

import { Button } from '@/components/ui/button';
import { OnDemand } from '@/components/ui/on-demand';
import type { AddRecipientsDialogProps } from './add-recipients-dialog';

const load = () => import('./add-recipients-dialog').then((m) => m.AddRecipientsDialog);

/** "Add recipients", the same before and after its dialog has loaded. */
export function AddRecipientsTrigger(props: object) {
  return (
    <Button {...props}>
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
        <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
      </svg>
      Add recipients
    </Button>
  );
}

/** "Add recipients" above the subscriber list; the dialog loads when first used (components/ui/on-demand.tsx). */
export function AddRecipientsButton(props: AddRecipientsDialogProps) {
  return <OnDemand load={load} props={props} popup="dialog" trigger={<AddRecipientsTrigger />} />;
}
