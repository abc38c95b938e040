import { join, resolve } from 'node:path';
import type { Environment } from '../config/apply-environment-overrides.js';

/** `--data-dir`, else `$SKYPORT_DATA_DIR`, else `~/.skyport` (ARCHITECTURE.md, data directory). */
export function resolveDataDir(flag: string | undefined, environment: Environment, homeDir: string): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnvironment = environment.SKYPORT_DATA_DIR;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment);
  return join(homeDir, '.skyport');
}
