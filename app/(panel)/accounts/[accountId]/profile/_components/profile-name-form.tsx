'use client';

import { useId, useState, useTransition, type FormEvent } from 'react';
import { updateProfileNameAction } from '../actions';
import { Button } from '@/components/ui/button';
import { FieldError, FieldHint } from '@/components/ui/field-message';
import { useFlash } from '@/components/ui/flash';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';

/** Profile & Settings → Name: the signed-in person's own name, checked here and again on the server. */
export function ProfileNameForm({ accountId, initialName }: { accountId: string; initialName: string }) {
  const flash = useFlash();
  const [name, setName] = useState(initialName);
  const [saved, setSaved] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The validation (and zod with it) loads on the first save, not with the page.
    const { profileName } = await import('@/lib/profile/name-input');
    const parsed = profileName.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0].message);
      return;
    }
    startSaving(async () => {
      const result = await updateProfileNameAction({ accountId, name });
      if (!result.ok) {
        setError(result.fieldErrors?.name?.[0] ?? result.error);
        return;
      }
      setError(null);
      setName(result.data.name);
      setSaved(result.data.name);
      flash(result.message ?? 'Your name is saved.');
    });
  };

  const unchanged = name.trim().replace(/\s+/g, ' ') === saved;
  return (
    <form onSubmit={submit} noValidate aria-label="Your name" className="space-y-1.5">
      <Label htmlFor={inputId}>Name</Label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Input
          id={inputId}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
          className="sm:max-w-sm"
        />
        <Button type="submit" variant="secondary" disabled={saving || unchanged} aria-busy={saving || undefined}>
          {saving ? <Spinner /> : null}
          {saving ? 'Saving…' : 'Save name'}
        </Button>
      </div>
      <FieldError id={errorId}>{error}</FieldError>
      <FieldHint id={hintId} className="text-xs">
        How you appear to others in every account: in recipient lists, the audit log and e-mails.
      </FieldHint>
    </form>
  );
}
