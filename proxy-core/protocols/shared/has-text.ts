/** Text the upstream would accept: Claude rejects empty and whitespace-only text blocks. */
import { isUndefinedLiteral } from './remove-undefined-literals.js';

export function hasText(text: string): boolean {
  return text.trim() !== '' && !isUndefinedLiteral(text);
}
