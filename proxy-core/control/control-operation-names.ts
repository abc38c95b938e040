/**
 * The names of every ControlApi operation, as plain data with no imports. The Electron preload
 * builds `window.skyport` from this list (a sandboxed preload cannot load zod or the schemas) and
 * the renderer's bridges do too (the renderer may not load proxy-core code with dependencies);
 * control-operations.ts checks at compile time that the list and the catalogue agree.
 */
export const controlOperationNames = [
  'getStatus',
  'startGateway',
  'stopGateway',
  'restartGateway',
  'getSettings',
  'updateSettings',
  'revealApiKey',
  'regenerateApiKey',
  'setApiKey',
  'listKeys',
  'createKey',
  'updateKey',
  'deleteKey',
  'regenerateKey',
  'exportSettings',
  'importSettings',
  'previewSettingsImport',
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
  'warmUpAccounts',
  'listAlerts',
  'setPreferredAccount',
  'setAccountProxy',
  'testAccountProxy',
  'setAccountLabels',
  'bulkAccountAction',
  'exportAccountsBackup',
  'restoreAccountsBackup',
  'findLocalAccounts',
  'importLocalAccounts',
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
] as const;

/** The IPC channel of an operation (`skyport:getStatus`). */
export function controlChannel(name: string): string {
  return `skyport:${name}`;
}

/** The one channel main pushes live events on. */
export const controlEventChannel = 'skyport:event';
