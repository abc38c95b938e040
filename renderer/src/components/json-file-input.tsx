/**
 * A hidden JSON file picker, opened by a visible button through `ref` (a styled button instead of
 * the browser's own file control). The value is cleared after each choice so that choosing the
 * same file again, after fixing it, still reports it.
 */
import type { Ref } from 'react';

export interface JsonFileInputProps {
  ref: Ref<HTMLInputElement>;
  id: string;
  /** Accessible name; usually the text of the button that opens it. */
  label: string;
  onFile: (file: File) => void;
}

export function JsonFileInput({ ref, id, label, onFile }: JsonFileInputProps) {
  return (
    <input
      ref={ref}
      id={id}
      className="visually-hidden"
      type="file"
      aria-label={label}
      accept="application/json,.json"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file !== undefined) onFile(file);
      }}
    />
  );
}
