'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { sendSimulatedMessageAction } from '../actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';

type Fields = { chatId: string; username: string; firstName: string; text: string };

/** Who the simulated Telegram user is, and what they write to the bot. */
export function SimulatorComposer({ initial }: { initial: Fields }) {
  const router = useRouter();
  const [fields, setFields] = useState<Fields>(initial);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const id = useId();

  const set = (key: keyof Fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields((f) => ({ ...f, [key]: event.target.value }));

  const send = (text: string) =>
    startTransition(async () => {
      setError(null);
      setFieldErrors({});
      const result = await sendSimulatedMessageAction({ ...fields, text });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setFields((f) => ({ ...f, text: '' }));
      const query = new URLSearchParams({ chat: String(result.chatId), name: fields.firstName.trim() });
      const username = fields.username.trim().replace(/^@/, '');
      if (username) query.set('username', username);
      // Drops ?start=: a used code should not come back on reload.
      router.replace(`/dev/telegram?${query}`, { scroll: false });
    });

  const field = (key: 'chatId' | 'username' | 'firstName', label: string, props: React.ComponentProps<typeof Input> = {}) => {
    const errorId = `${id}-${key}-error`;
    return (
      <div className="space-y-1">
        <Label htmlFor={`${id}-${key}`} className="text-xs text-slate-700">
          {label}
        </Label>
        <Input
          id={`${id}-${key}`}
          value={fields[key]}
          onChange={set(key)}
          aria-invalid={fieldErrors[key] ? true : undefined}
          aria-describedby={fieldErrors[key] ? errorId : undefined}
          className="h-9"
          autoComplete="off"
          spellCheck={false}
          {...props}
        />
        <FieldError id={errorId}>{fieldErrors[key]}</FieldError>
      </div>
    );
  };

  return (
    <form
      className="border-t border-slate-200 bg-white"
      onSubmit={(event) => {
        event.preventDefault();
        if (!pending) send(fields.text);
      }}
    >
      <fieldset className="px-5 pt-4">
        {/* Floated so the legend lays out like a heading instead of sitting on the fieldset's edge. */}
        <legend className="float-left mb-3 w-full text-xs font-semibold tracking-wide text-slate-600 uppercase">
          Simulated Telegram user
        </legend>
        <div className="clear-both grid gap-3 sm:grid-cols-3">
          {field('chatId', 'Chat id', { inputMode: 'numeric' })}
          {field('username', 'Username', { placeholder: 'without @' })}
          {field('firstName', 'First name')}
        </div>
      </fieldset>
      <div className="flex flex-col gap-2 px-5 py-4 sm:flex-row">
        <div className="min-w-0 flex-1 space-y-1">
          <Label htmlFor={`${id}-text`} className="sr-only">
            Message
          </Label>
          <Input
            id={`${id}-text`}
            value={fields.text}
            onChange={set('text')}
            placeholder="Write a message… e.g. /start <code>"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={fieldErrors.text ? true : undefined}
            aria-describedby={fieldErrors.text ? `${id}-text-error` : undefined}
            className="font-mono text-[13px]"
          />
          <FieldError id={`${id}-text-error`}>{fieldErrors.text}</FieldError>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? <Spinner /> : null}
            Send
          </Button>
          <Button variant="secondary" onClick={() => send('/stop')} disabled={pending}>
            Send /stop
          </Button>
        </div>
      </div>
      {error && Object.keys(fieldErrors).length === 0 ? (
        <div className="px-5 pb-4">
          <Alert tone="danger" role="alert">
            {error}
          </Alert>
        </div>
      ) : null}
    </form>
  );
}
