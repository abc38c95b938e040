/** Another language's resource: the same nested keys as English, every value a string. */
import type { en } from './en.js';

type Shape<T> = { [Key in keyof T]: T[Key] extends string ? string : Shape<T[Key]> };

export type LocaleResource = Shape<typeof en>;
