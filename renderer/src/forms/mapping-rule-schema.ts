/** A mapping rule as typed in the editor: a client model name (exact or with `*`) -> an upstream model. */
import { z } from 'zod';

export const mappingRuleFormSchema = z.object({
  pattern: z
    .string()
    .trim()
    .min(1, 'validation.patternRequired')
    .max(200, 'validation.tooLong')
    .refine((value) => !/\s/.test(value), 'validation.noSpaces'),
  target: z
    .string()
    .trim()
    .min(1, 'validation.targetRequired')
    .max(200, 'validation.tooLong')
    .refine((value) => !/[\s*]/.test(value), 'validation.targetPlain'),
});

export type MappingRuleFormField = keyof z.input<typeof mappingRuleFormSchema>;

export function isWildcardPattern(pattern: string): boolean {
  return pattern.includes('*');
}
