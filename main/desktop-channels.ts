/** IPC channels of the desktop's own operations (beside `skyport:<ControlApi operation>`); shared by main and the preload. */
export const desktopChannels = {
  getLaunchAtLogin: 'skyport:getLaunchAtLogin',
  setLaunchAtLogin: 'skyport:setLaunchAtLogin',
  // Updates and logs (register-update-ipc.ts).
  getUpdateStatus: 'skyport:getUpdateStatus',
  setUpdatePreferences: 'skyport:setUpdatePreferences',
  checkForUpdates: 'skyport:checkForUpdates',
  restartToUpdate: 'skyport:restartToUpdate',
  showLogs: 'skyport:showLogs',
} as const;

/** Main -> page: the update status whenever it changes (UpdateStatus of auto-updater.ts). */
export const updateStatusEventChannel = 'skyport:update-status';
