import type { z } from 'zod';

/** `proxy.port: Invalid input: expected number, received string; ...` — every message names its field. */
export function formatZodIssues(error: z.ZodError, prefix: string[] = []): string {
  return error.issues
    .map((issue) => {
      const path = [...prefix, ...issue.path.map(String)].join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
