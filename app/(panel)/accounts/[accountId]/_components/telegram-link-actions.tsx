'use client';

import { useState, useTransition } from 'react';
import { sendTelegramTestAction } from '../telegram-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useFlash } from '@/components/ui/flash';
import { OnDemand } from '@/components/ui/on-demand';
import { Spinner } from '@/components/ui/spinner';

const loadDisconnect = () => import('./telegram-disconnect-dialog').then((m) => m.TelegramDisconnectDialog);

/**
 * Telegram's off button, the same before and after its confirmation dialog has loaded. It says
 * Disable, as seed 001's step does ("In the Telegram block, click Disable"); it disconnects the chat.
 */
export function DisconnectTrigger(props: object) {
  return (
    <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" {...props}>
      Disable
    </Button>
  );
}

/** Send test message and Disable (with a confirmation that loads when first used) for a linked chat. */
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
  const [error, setError] = useState<string | null>(null);
  const [testing, startTest] = useTransition();

  const sendTest = () =>
    startTest(async () => {
      setError(null);
      const result = await sendTelegramTestAction({ accountId });
      if (result.ok) flash(result.message ?? 'Test message sent.');
      else setError(result.error);
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
        <OnDemand load={loadDisconnect} props={{ accountId, displayName }} popup="dialog" trigger={<DisconnectTrigger />} />
      </div>
      {error ? (
        <Alert tone="danger" role="alert" className="max-w-sm">
          {error}
        </Alert>
      ) : null}
    </div>
  );
}
