/** IPC channels of the desktop's own operations (beside `skyport:<ControlApi operation>`); shared by main and the preload. */
export const desktopChannels = {
  getLaunchAtLogin: 'skyport:getLaunchAtLogin',
  setLaunchAtLogin: 'skyport:setLaunchAtLogin',
} as const;
