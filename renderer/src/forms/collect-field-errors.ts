/**
 * Zod issues -> one message key per field (the first issue wins). The schemas' messages are
 * translation keys, so the form shows them in the user's language.
 */
import type { z } from 'zod';

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

export function collectFieldErrors<Field extends string>(error: z.ZodError): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as Field;
    if (errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}
