'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { Spinner } from '@/components/ui/spinner';
import type { EditEventFormProps } from './edit-event-form';

// The editor (chips, validation, preview) loads when a dialog first opens: the page shows 31 of
// these buttons, and most visits only flip switches.
const EditEventForm = dynamic(() => import('./edit-event-form').then((m) => m.EditEventForm), {
  ssr: false,
  loading: () => (
    <DialogBody className="flex h-[30rem] items-center justify-center gap-2 text-sm text-slate-600">
      <Spinner /> Loading…
    </DialogBody>
  ),
});

/** Edit (or, for members who may not change it, View) one event's recipients. */
export function EditEventDialog(props: Omit<EditEventFormProps, 'onSaved'>) {
  const flash = useFlash();
  const [open, setOpen] = useState(false);
  const { event, readOnly } = props;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`${readOnly ? 'View' : 'Edit'} ${event.title}`}>
          {readOnly ? 'View' : 'Edit'}
        </Button>
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
