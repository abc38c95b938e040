/**
 * The ControlApi's operation names as a runtime list: the renderer may import proxy-core only as
 * types, so the HTTP bridge cannot read proxy-core's own list. The checks below fail the
 * type-check when an operation is added to (or removed from) the catalogue and not here.
 */
import type { ControlOperationName } from './bridge-types.js';

export const controlOperationNames = [
  'getStatus',
  'startGateway',
  'stopGateway',
  'restartGateway',
  'getSettings',
  'updateSettings',
  'revealApiKey',
  'regenerateApiKey',
  'exportSettings',
  'importSettings',
  'listAccounts',
  'addAccountByRefreshToken',
  'importRefreshTokens',
  'startGoogleSignIn',
  'getGoogleSignIn',
  'completeGoogleSignIn',
  'cancelGoogleSignIn',
  'removeAccount',
  'enableAccount',
  'disableAccount',
  'refreshQuota',
  'setPreferredAccount',
  'setAccountProxy',
  'listMappingRules',
  'setMappingRule',
  'deleteMappingRule',
  'listMappingPresets',
  'applyMappingPreset',
  'previewMapping',
  'queryLogs',
  'getLog',
  'clearLogs',
  'getUsage',
  'exportLogsCsv',
] as const satisfies readonly ControlOperationName[];

type Listed = (typeof controlOperationNames)[number];
type Unlisted = Exclude<ControlOperationName, Listed>;
// Compile-time: `true` only when every catalogue operation is listed.
export const everyOperationListed: [Unlisted] extends [never] ? true : { missing: Unlisted } = true;
