'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import {
  previewEventAction,
  saveEventRecipientsAction,
  sendEventTestAction,
} from '../actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogBody, DialogClose, DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import type { EventPreview, PreviewRecipient, RecipientAddressBook } from '@/lib/events/preview';
import { MAX_CC, MAX_TO, recipientKey, recipientListSchema, sameRecipients, type RecipientList, type RecipientSpec } from '@/lib/events/recipients';
import { cn } from '@/lib/utils';
import { RecipientField } from './recipient-field';

type FieldErrors = { to: string | null; cc: string | null; toIndexes: Set<number>; ccIndexes: Set<number> };
const noErrors: FieldErrors = { to: null, cc: null, toIndexes: new Set(), ccIndexes: new Set() };

/** Maps validation issues (paths like ["cc", 3] or "recipients.cc.3") onto the two fields. */
function fieldErrorsFrom(issues: Array<{ path: Array<string | number>; message: string }>): FieldErrors {
  const errors: FieldErrors = { to: null, cc: null, toIndexes: new Set(), ccIndexes: new Set() };
  for (const issue of issues) {
    const path = issue.path.filter((p) => p !== 'recipients');
    const field = path[0] === 'cc' ? 'cc' : 'to';
    errors[field] ??= issue.message;
    if (typeof path[1] === 'number') errors[field === 'cc' ? 'ccIndexes' : 'toIndexes'].add(path[1]);
  }
  return errors;
}

const PREVIEW_DEBOUNCE_MS = 350;

export type EditEventFormProps = {
  accountId: string;
  contactsHref: string;
  /** The local mailbox, where test e-mails land when no Resend key is set (dev tools only). */
  mailboxHref?: string;
  resellerName: string;
  event: { key: string; title: string; description: string };
  saved: RecipientList;
  defaults: RecipientList;
  readOnly: boolean;
  /** Where each contact role goes now, for the first customer (beside each role in To and CC). */
  addresses: RecipientAddressBook;
  /** After a save: the dialog closes and says so. */
  onSaved: (message: string) => void;
};

/**
 * The inside of the Edit (or View) dialog of one event: To and CC as chips
 * pre-filled with the saved recipients, a live preview of the branded e-mail
 * for a sample customer, Send test, and Reset to defaults. Mounted when the
 * dialog opens, so every opening starts from the saved recipients; loaded with
 * the dialog (edit-event-button.tsx), which keeps it and its validation out of
 * the page's first load.
 */
export function EditEventForm({
  accountId,
  contactsHref,
  mailboxHref,
  resellerName,
  event,
  saved,
  defaults,
  readOnly,
  addresses,
  onSaved,
}: EditEventFormProps) {
  const [to, setTo] = useState<RecipientSpec[]>(saved.to);
  const [cc, setCc] = useState<RecipientSpec[]>(saved.cc);
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; data: EventPreview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const [testing, startTesting] = useTransition();
  const previewHeadingId = useId();
  const request = useRef(0);

  const current: RecipientList = { to, cc };
  const isDefault = sameRecipients(current, defaults);
  const isSaved = sameRecipients(current, saved);

  // The preview follows the chips, a moment after the last change; the last one stays up meanwhile.
  const wanted = `${to.map(recipientKey).join('|')}#${cc.map(recipientKey).join('|')}`;
  const previewLoading = !previewError && preview?.key !== wanted;
  useEffect(() => {
    const id = ++request.current;
    const timer = setTimeout(async () => {
      const result = await previewEventAction({ accountId, eventKey: event.key, recipients: { to, cc } });
      if (id !== request.current) return;
      if (result.ok) {
        setPreview({ key: wanted, data: result.data });
        setPreviewError(null);
      } else setPreviewError(result.error);
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [to, cc, wanted, accountId, event.key]);

  const change = (field: 'to' | 'cc') => (next: RecipientSpec[]) => {
    (field === 'to' ? setTo : setCc)(next);
    setErrors(noErrors);
    setFormError(null);
    setStatus(null);
  };

  const resetToDefaults = () => {
    change('to')(defaults.to);
    change('cc')(defaults.cc);
  };

  const save = () => {
    const parsed = recipientListSchema.safeParse(current);
    if (!parsed.success) {
      setErrors(fieldErrorsFrom(parsed.error.issues.map((i) => ({ path: i.path as Array<string | number>, message: i.message }))));
      return;
    }
    startSaving(async () => {
      const result = await saveEventRecipientsAction({ accountId, eventKey: event.key, recipients: parsed.data });
      if (!result.ok) {
        if (result.fieldErrors) {
          setErrors(
            fieldErrorsFrom(
              Object.entries(result.fieldErrors).map(([path, messages]) => ({
                path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
                message: messages[0],
              })),
            ),
          );
        }
        setFormError(result.error);
        return;
      }
      onSaved(result.message ?? 'Recipients saved.');
    });
  };

  const sendTest = () =>
    startTesting(async () => {
      setStatus(null);
      setFormError(null);
      const result = await sendEventTestAction({ accountId, eventKey: event.key, recipients: current });
      if (result.ok) setStatus(result.message ?? 'Test e-mail sent.');
      else setFormError(result.error);
    });

  const toKeys = new Set(to.map(recipientKey));
  const ccKeys = new Set(cc.map(recipientKey));

  return (
    <>
      <DialogBody className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="space-y-5">
          <p className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm leading-relaxed text-slate-700">
            Each contact role shows where it goes now,{' '}
            {addresses.sampleCustomer ? (
              'for a sample customer'
            ) : (
              <>
                for <span className="font-medium text-slate-900">{addresses.customerName}</span>, your first customer
              </>
            )}
            . When the event happens, the customer’s own contacts and{' '}
            <Link href={contactsHref} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              your contacts
            </Link>{' '}
            are used; a recipient without an address is skipped and noted in the delivery log.
          </p>
          <RecipientField
            name="To"
            recipients={to}
            onChange={change('to')}
            taken={ccKeys}
            max={MAX_TO}
            error={errors.to}
            invalidIndexes={errors.toIndexes}
            readOnly={readOnly}
            addresses={addresses}
            hint={readOnly ? undefined : 'The e-mail is addressed to them.'}
          />
          <RecipientField
            name="CC"
            recipients={cc}
            onChange={change('cc')}
            taken={toKeys}
            max={MAX_CC}
            error={errors.cc}
            invalidIndexes={errors.ccIndexes}
            readOnly={readOnly}
            addresses={addresses}
            hint={readOnly ? undefined : `They get a copy of the same e-mail. At most ${MAX_CC}.`}
          />
          <div role="status" aria-live="polite">
            {status ? (
              <Alert tone="success" className="animate-fade-in">
                {status}{' '}
                {mailboxHref ? (
                  <>
                    It arrives in the{' '}
                    <a href={mailboxHref} target="_blank" rel="noreferrer" className="font-medium underline underline-offset-2">
                      local mailbox
                    </a>
                    .
                  </>
                ) : (
                  'It arrives in a minute.'
                )}
              </Alert>
            ) : null}
          </div>
          {formError ? (
            <Alert tone="danger" role="alert">
              {formError}
            </Alert>
          ) : null}
        </div>

        <section aria-labelledby={previewHeadingId} aria-busy={previewLoading} className="min-w-0 space-y-3">
          <div className="flex items-baseline justify-between gap-3">
            <h3 id={previewHeadingId} className="text-sm font-semibold text-slate-900">
              Preview
            </h3>
            <p className="flex items-center gap-1.5 text-xs text-slate-600">
              {previewLoading ? <Spinner className="size-3" /> : null}
              {preview ? `${preview.data.sampleCustomer ? 'A sample customer' : preview.data.customerName}, with example data` : 'Loading…'}
            </p>
          </div>
          {previewError ? (
            <Alert tone="danger" role="alert">
              {previewError}
            </Alert>
          ) : null}
          <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            <dl className="grid grid-cols-[4.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm">
              <dt className="text-slate-500">From</dt>
              <dd className="truncate text-slate-900">Nimbus Cloud on behalf of {resellerName}</dd>
              <dt className="text-slate-500">To</dt>
              <dd>
                <EnvelopeLine lines={preview?.data.to} />
              </dd>
              <dt className="text-slate-500">Cc</dt>
              <dd>
                <EnvelopeLine lines={preview?.data.cc} />
              </dd>
              <dt className="text-slate-500">Subject</dt>
              <dd className="font-medium text-slate-900">{preview?.data.subject ?? '…'}</dd>
            </dl>
            {preview ? (
              <iframe
                title="E-mail preview"
                sandbox=""
                srcDoc={preview.data.html}
                className={cn('block h-[30rem] w-full bg-slate-100 transition-opacity', previewLoading && 'opacity-60')}
              />
            ) : (
              <div className="flex h-[30rem] items-center justify-center gap-2 text-sm text-slate-600">
                <Spinner /> Rendering the e-mail…
              </div>
            )}
          </div>
        </section>
      </DialogBody>
      <DialogFooter className="sm:justify-between">
        {readOnly ? (
          <span />
        ) : (
          <Button variant="ghost" onClick={resetToDefaults} disabled={isDefault}>
            Reset to defaults
          </Button>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          {readOnly ? (
            <DialogClose asChild>
              <Button variant="secondary">Close</Button>
            </DialogClose>
          ) : (
            <>
              <Button variant="secondary" onClick={sendTest} disabled={testing}>
                {testing ? <Spinner /> : null}
                {testing ? 'Sending…' : 'Send test'}
              </Button>
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button onClick={save} disabled={saving || isSaved}>
                {saving ? <Spinner /> : null}
                {saving ? 'Saving…' : 'Save'}
              </Button>
            </>
          )}
        </div>
      </DialogFooter>
    </>
  );
}

/** The envelope's To or Cc: each recipient's address for the sample customer, or why it has none. */
function EnvelopeLine({ lines }: { lines: PreviewRecipient[] | undefined }) {
  if (!lines) return <span className="text-slate-500">…</span>;
  if (lines.length === 0) return <span className="text-slate-500">Nobody</span>;
  return (
    <ul className="space-y-0.5">
      {lines.map((line) => (
        <li key={line.label} className="min-w-0 truncate">
          {line.address ? (
            <span className="text-slate-900">{line.address}</span>
          ) : (
            <span className="text-amber-800">
              {line.label}: <span className="italic">{line.note}</span>
            </span>
          )}
          {line.address && line.address !== line.label ? <span className="text-slate-500"> · {line.label}</span> : null}
        </li>
      ))}
    </ul>
  );
}
