/**
 * A parsed `multipart/form-data` body (server/read-multipart-form.ts) as the converters see it:
 * each field name with every value sent under it, text as strings, files as `FormFile`.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import { guessMimeType } from './guess-mime-type.js';

export interface FormFile {
  name: string;
  /** The part's Content-Type; '' when it had none. */
  type: string;
  data: Buffer;
}

export type FormValue = string | FormFile;
export type FormFields = Readonly<Record<string, readonly FormValue[]>>;

export function isFormFile(value: FormValue | undefined): value is FormFile {
  return value !== undefined && typeof value !== 'string';
}

/**
 * The text fields, the last value of each, for a JSON schema to validate. A form has no numbers
 * or booleans: fields named in `numbers` become numbers when they read as one, fields in
 * `booleans` become booleans when they read `true` or `false`; anything else stays text for the
 * schema to refuse. Files are left out.
 */
export function textFieldsOf(fields: FormFields, types: { numbers?: readonly string[]; booleans?: readonly string[] } = {}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(fields)) {
    const last = values.at(-1);
    if (typeof last !== 'string') continue;
    const trimmed = last.trim();
    if (types.numbers?.includes(name) === true && /^-?\d+(\.\d+)?$/.test(trimmed)) result[name] = Number(trimmed);
    else if (types.booleans?.includes(name) === true && (trimmed === 'true' || trimmed === 'false')) result[name] = trimmed === 'true';
    else result[name] = last;
  }
  return result;
}

/** A file's media type: its part's Content-Type, else guessed from its name; `application/octet-stream` counts as none. */
export function mediaTypeOf(file: FormFile): string | undefined {
  const declared = file.type.split(';')[0]?.trim().toLowerCase();
  if (declared !== undefined && declared !== '' && declared !== 'application/octet-stream') return declared;
  return guessMimeType(file.name);
}

/** The files sent under any of `names` (`image` and `image[]`); a text value there is refused. */
export function formFiles(fields: FormFields, names: readonly string[]): FormFile[] {
  const files: FormFile[] = [];
  for (const name of names) {
    for (const value of fields[name] ?? []) {
      if (!isFormFile(value)) throw new GatewayError('invalid_request', `Invalid '${name}': must be a file upload, got text.`, { param: name });
      files.push(value);
    }
  }
  return files;
}
