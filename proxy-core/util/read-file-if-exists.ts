/** A UTF-8 file's text, or undefined when there is no such file (a first start); any other error (permissions, a directory) is thrown. */
import { readFile } from 'node:fs/promises';

export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
