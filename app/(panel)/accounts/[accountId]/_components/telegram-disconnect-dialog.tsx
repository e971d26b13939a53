'use client';

import { useState, useTransition } from 'react';
import { disconnectTelegramAction } from '../telegram-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { Spinner } from '@/components/ui/spinner';
import { DisconnectTrigger } from './telegram-link-actions';

export type TelegramDisconnectDialogProps = { accountId: string; displayName: string };

/** Disable (disconnect the chat), with a confirmation. Loaded on demand by TelegramLinkActions. */
export function TelegramDisconnectDialog({ accountId, displayName, initialOpen = false }: TelegramDisconnectDialogProps & { initialOpen?: boolean }) {
  const flash = useFlash();
  const [open, setOpen] = useState(initialOpen);
  const [error, setError] = useState<string | null>(null);
  const [disconnecting, startDisconnect] = useTransition();

  const disconnect = () =>
    startDisconnect(async () => {
      setError(null);
      const result = await disconnectTelegramAction({ accountId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      flash(result.message ?? 'Telegram is disconnected.');
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <DialogTrigger asChild>
        <DisconnectTrigger />
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Disable Telegram notifications?</DialogTitle>
          <DialogDescription>
            {displayName} will be disconnected and notifications will stop arriving there, for all of your accounts. The bot will say so in the chat. E-mail
            notifications are not affected, and you can connect again at any time.
          </DialogDescription>
        </DialogHeader>
        {error ? (
          <DialogBody>
            <Alert tone="danger" role="alert">
              {error}
            </Alert>
          </DialogBody>
        ) : null}
        <DialogFooter>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" onClick={disconnect} disabled={disconnecting}>
            {disconnecting ? <Spinner /> : null}
            {disconnecting ? 'Disabling…' : 'Disable'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
