/**
 * Form values seeded from saved settings. When the saved settings change underneath (another
 * window, an event) an untouched form follows them; a form with edits keeps the user's edits.
 */
import { useCallback, useState } from 'react';

function sameValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function useFormState<Values extends object>(saved: Values) {
  const [values, setValues] = useState(saved);
  const [base, setBase] = useState(saved);
  // Adjusting state while rendering (react.dev "you might not need an effect"): no extra paint.
  if (!sameValues(saved, base)) {
    setBase(saved);
    if (sameValues(values, base)) setValues(saved);
  }
  const setField = useCallback(<Key extends keyof Values>(key: Key, value: Values[Key]) => setValues((current) => ({ ...current, [key]: value })), []);
  return {
    values,
    setValues,
    setField,
    dirty: !sameValues(values, saved),
    reset: () => setValues(saved),
  };
}
