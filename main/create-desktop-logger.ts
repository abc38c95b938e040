/**
 * The desktop app's logger: the gateway's logger (level and format from SKYPORT_LOG_LEVEL and
 * SKYPORT_LOG_FORMAT, an unknown value refused) writing each line to stderr, for a run from a
 * terminal, and to the rotating log file under userData (log-files.ts), for a run from the dock.
 */
import { join } from 'node:path';
import { createLogger, resolveLogOptions, writeLineToStderr, type Logger } from '../proxy-core/index.js';
import { openLogFiles, type LogFiles } from './log-files.js';

export interface DesktopLogger {
  logger: Logger;
  files: LogFiles;
}

export function createDesktopLogger(options: {
  userDataDirectory: string;
  environment: Readonly<Record<string, string | undefined>>;
  writeToStderr?: (line: string) => void;
  openFiles?: (directory: string) => LogFiles;
}): DesktopLogger {
  const logOptions = resolveLogOptions(options.environment);
  const files = (options.openFiles ?? ((directory) => openLogFiles({ directory })))(join(options.userDataDirectory, 'logs'));
  const toStderr = options.writeToStderr ?? writeLineToStderr;
  const logger = createLogger({
    ...logOptions,
    write: (line) => {
      toStderr(line);
      files.write(line);
    },
  });
  return { logger, files };
}
