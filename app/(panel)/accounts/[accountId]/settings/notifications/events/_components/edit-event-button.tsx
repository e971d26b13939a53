'use client';

import { Button } from '@/components/ui/button';
import { OnDemand } from '@/components/ui/on-demand';
import type { EditEventDialogProps } from './edit-event-dialog';

const load = () => import('./edit-event-dialog').then((m) => m.EditEventDialog);

/** The Edit (or View) button of one event row, the same before and after its dialog has loaded. */
export function EditEventTrigger({ title, readOnly, ...props }: { title: string; readOnly: boolean }) {
  return (
    <Button variant="secondary" size="sm" aria-label={`${readOnly ? 'View' : 'Edit'} ${title}`} {...props}>
      {readOnly ? 'View' : 'Edit'}
    </Button>
  );
}

/**
 * Edit on an event row. The dialog, its editor and their validation load when one of
 * the page's 31 buttons is first pointed at or pressed (components/ui/on-demand.tsx):
 * most visits only flip switches.
 */
export function EditEventButton(props: EditEventDialogProps) {
  return (
    <OnDemand load={load} props={props} popup="dialog" trigger={<EditEventTrigger title={props.event.title} readOnly={props.readOnly} />} />
  );
}
