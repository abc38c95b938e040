import { findPackageRoot } from './find-package-root.js';

/** The version in package.json, shown by /healthz and the CLI. */
export function readPackageVersion(): string {
  const version = findPackageRoot()?.manifest.version;
  return typeof version === 'string' ? version : '0.0.0';
}
