'use client';

import { useState } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { EditEventTrigger } from './edit-event-button';
import { EditEventForm, type EditEventFormProps } from './edit-event-form';

export type EditEventDialogProps = Omit<EditEventFormProps, 'onSaved'>;

/**
 * Edit (or, for members who may not change it, View) one event's recipients.
 * Loaded on demand by EditEventButton. The form mounts each time the dialog
 * opens, so every opening starts from the saved recipients.
 */
export function EditEventDialog({ initialOpen = false, ...props }: EditEventDialogProps & { initialOpen?: boolean }) {
  const flash = useFlash();
  const [open, setOpen] = useState(initialOpen);
  const { event, readOnly } = props;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <EditEventTrigger title={event.title} readOnly={readOnly} />
      </DialogTrigger>
      <DialogContent className="max-w-6xl">
        <DialogHeader>
          <DialogTitle>{event.title}</DialogTitle>
          <DialogDescription>{event.description}</DialogDescription>
        </DialogHeader>
        <EditEventForm
          {...props}
          onSaved={(message) => {
            setOpen(false);
            flash(message);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
