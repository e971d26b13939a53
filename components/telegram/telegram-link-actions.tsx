'use client';

import { useState, useTransition } from 'react';
import { disconnectTelegramAction, sendTelegramTestAction } from '@/app/(panel)/accounts/[accountId]/notifications/telegram-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { Spinner } from '@/components/ui/spinner';

/** Send test message and Disconnect (with a confirmation) for a linked chat. */
export function TelegramLinkActions({
  accountId,
  displayName,
  canSendTest,
}: {
  accountId: string;
  displayName: string;
  canSendTest: boolean;
}) {
  const flash = useFlash();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [testing, startTest] = useTransition();
  const [disconnecting, startDisconnect] = useTransition();

  const sendTest = () =>
    startTest(async () => {
      setError(null);
      const result = await sendTelegramTestAction({ accountId });
      if (result.ok) flash(result.message ?? 'Test message sent.');
      else setError(result.error);
    });

  const disconnect = () =>
    startDisconnect(async () => {
      setDialogError(null);
      const result = await disconnectTelegramAction({ accountId });
      if (!result.ok) {
        setDialogError(result.error);
        return;
      }
      setOpen(false);
      flash(result.message ?? 'Telegram is disconnected.');
    });

  return (
    <div className="flex shrink-0 flex-col items-stretch gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2">
        {canSendTest ? (
          <Button variant="secondary" onClick={sendTest} disabled={testing}>
            {testing ? <Spinner /> : null}
            {testing ? 'Sending…' : 'Send test message'}
          </Button>
        ) : null}
        <Dialog
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            if (!next) setDialogError(null);
          }}
        >
          <DialogTrigger asChild>
            <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800">
              Disconnect
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Disconnect Telegram?</DialogTitle>
              <DialogDescription>
                Notifications will stop arriving in {displayName}, for all of your accounts. The bot will say so in the chat. E-mail
                notifications are not affected, and you can connect again at any time.
              </DialogDescription>
            </DialogHeader>
            {dialogError ? (
              <DialogBody>
                <Alert tone="danger" role="alert">
                  {dialogError}
                </Alert>
              </DialogBody>
            ) : null}
            <DialogFooter>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button variant="danger" onClick={disconnect} disabled={disconnecting}>
                {disconnecting ? <Spinner /> : null}
                {disconnecting ? 'Disconnecting…' : 'Disconnect Telegram'}
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </div>
      {error ? (
        <Alert tone="danger" role="alert" className="max-w-sm">
          {error}
        </Alert>
      ) : null}
    </div>
  );
}
