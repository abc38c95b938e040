/** The outside world of the CLI, passed in so commands are tested without a terminal. */
import type { Environment } from '../config/apply-environment-overrides.js';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  environment: Environment;
  homeDir: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
  /** The next line typed or piped on stdin; undefined at the end of input or once `signal` aborts. */
  readLine(signal?: AbortSignal): Promise<string | undefined>;
  /** stdin is a terminal a person types into (not a pipe or a file). */
  stdinIsTerminal?: boolean;
  /** One line typed on the terminal without echoing it (tokens); undefined on Ctrl-C or Ctrl-D. Terminal only. */
  readHiddenLine?(prompt: string): Promise<string | undefined>;
  /** Absolute program and script that run this install's CLI, for `service print`; node and the package's bin/skyport.mjs when absent. */
  program?: readonly string[];
}
