import type { ClaimForm } from '../../core/credits/claim-input';

/** Form values arrive as whatever the client sent; anything but a string is treated as empty. */
export function textField(form: Record<string, unknown> | null, name: string): string {
  const value = form?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function claimFormValues(form: Record<string, unknown> | null): ClaimForm {
  return {
    title: textField(form, 'title'),
    date: textField(form, 'date'),
    hours: textField(form, 'hours'),
    kind: textField(form, 'kind'),
    note: textField(form, 'note'),
  };
}
