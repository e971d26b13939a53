'use client';

import { useId, useState, useTransition, type FormEvent } from 'react';
import { updateContactsAction } from '../actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FieldError } from '@/components/ui/field-message';
import { useFlash } from '@/components/ui/flash';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import type { ContactKind } from '@/db/schema';
import { CONTACT_KINDS, contactKindLabels } from '@/lib/events/contact-kinds';

type Values = Record<ContactKind, { name: string; email: string }>;

/**
 * An account's three contacts. Leaving both fields of a contact empty removes
 * it. Read-only for members who may not change them.
 */
export function ContactsForm({
  accountId,
  customerId,
  accountName,
  initial,
  readOnly,
}: {
  accountId: string;
  customerId?: string;
  accountName: string;
  initial: Values;
  readOnly: boolean;
}) {
  const flash = useFlash();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const baseId = useId();
  const id = (kind: ContactKind, field: 'name' | 'email') => `${baseId}-${kind}-${field}`;

  const set = (kind: ContactKind, field: 'name' | 'email', value: string) => {
    setValues((v) => ({ ...v, [kind]: { ...v[kind], [field]: value } }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== `${kind}.${field}`)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    // The validation (and zod with it) loads on the first save, not with the page.
    const { contactsInput } = await import('@/lib/events/contact-input');
    const parsed = contactsInput.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    startSaving(async () => {
      const result = await updateContactsAction({ accountId, customerId, contacts: values });
      if (!result.ok) {
        if (result.fieldErrors) {
          setErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([k, m]) => [k.replace(/^contacts\./, ''), m[0]])));
        }
        setFormError(result.error);
        return;
      }
      setErrors({});
      flash(result.message ?? 'Contacts saved.');
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Contacts of ${accountName}`} className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-3">
        {CONTACT_KINDS.map((kind) => {
          const { title, description } = contactKindLabels[kind];
          const headingId = `${baseId}-${kind}-heading`;
          return (
            <Card key={kind} className="flex flex-col">
              <fieldset aria-labelledby={headingId} className="flex flex-1 flex-col gap-4 p-5">
                <div>
                  <h3 id={headingId} className="text-sm font-semibold text-slate-900">
                    {title}
                  </h3>
                  <p className="mt-0.5 text-xs leading-relaxed text-slate-600">{description}</p>
                </div>
                {readOnly ? (
                  values[kind].email ? (
                    <div className="text-sm">
                      <p className="font-medium text-slate-900">{values[kind].name}</p>
                      <p className="text-slate-700">{values[kind].email}</p>
                    </div>
                  ) : (
                    <p className="text-sm text-slate-500">Not set</p>
                  )
                ) : (
                  (['name', 'email'] as const).map((field) => {
                    const error = errors[`${kind}.${field}`];
                    const errorId = `${id(kind, field)}-error`;
                    return (
                      <div key={field} className="space-y-1.5">
                        <Label htmlFor={id(kind, field)}>
                          {field === 'name' ? 'Name' : 'E-mail'}
                          <span className="sr-only"> of the {title.toLowerCase()}</span>
                        </Label>
                        <Input
                          id={id(kind, field)}
                          type={field === 'email' ? 'email' : 'text'}
                          autoComplete="off"
                          value={values[kind][field]}
                          onChange={(e) => set(kind, field, e.target.value)}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? errorId : undefined}
                          placeholder={field === 'email' ? 'name@company.com' : 'Full name'}
                        />
                        <FieldError id={errorId}>{error}</FieldError>
                      </div>
                    );
                  })
                )}
              </fieldset>
            </Card>
          );
        })}
      </div>
      {formError ? (
        <Alert tone="danger" role="alert">
          {formError}
        </Alert>
      ) : null}
      {readOnly ? null : (
        <div className="flex items-center justify-end gap-3">
          <p className="text-xs text-slate-600">Leave both fields of a contact empty to remove it.</p>
          <Button type="submit" disabled={saving}>
            {saving ? <Spinner /> : null}
            {saving ? 'Saving…' : 'Save contacts'}
          </Button>
        </div>
      )}
    </form>
  );
}
