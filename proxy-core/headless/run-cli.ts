/** The `skyport` command line (ARCHITECTURE.md, headless CLI contract). */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toGatewayError } from '../errors/gateway-error.js';
import { findPackageRoot } from '../util/find-package-root.js';
import { readPackageVersion } from '../util/read-package-version.js';
import { runAccountsCommand } from './accounts-command.js';
import type { CliIo } from './cli-io.js';
import { runConfigCommand } from './config-command.js';
import { runKeysCommand } from './keys-command.js';
import { runConsoleLoginCommand } from './console-login-command.js';
import { resolveDataDir } from './resolve-data-dir.js';
import { runServeCommand } from './serve-command.js';
import { runServiceCommand } from './service-command.js';

export const usage = `Usage: skyport <command> [options]

Commands:
  serve [--port N] [--host H]            run the gateway (Ctrl-C finishes in-flight requests, then exits)
  accounts login                         sign in with Google in a browser and add the account
                                         (paste the browser's final address here when it cannot reach this machine)
  accounts add --refresh-token -         read refresh tokens from stdin (piped, or typed without echo): recommended,
                                         the token stays out of ps and the shell history
  accounts add --refresh-token TOKEN     verify a Google refresh token and add its account
  accounts add --file FILE               add every refresh token in FILE (one per line, or a JSON array)
  accounts list                          list accounts and their status
  accounts remove EMAIL                  remove an account
  accounts warmup [EMAIL]                one small request per model family on an account (or all), starting its quota window
  accounts export --out FILE [--plain]   back up every account to FILE, encrypted with a passphrase you type
                                         (--plain: unencrypted, only if you must)
  accounts import FILE                   restore a backup (merged by email; asks for its passphrase)
  accounts import --from antigravity|gemini-cli|antigravity-manager [FILE]
                                         add the accounts of another app on this computer (or from FILE),
                                         each verified with Google
  config get [KEY]                       show settings (dotted keys, e.g. proxy.port)
  config set KEY VALUE                   change a setting, e.g. config set proxy.custom_mapping.gpt-4* gemini-3-flash
  config unset KEY                       back to the default (or remove a mapping rule)
  keys create NAME [--label T] [--expires 30d|2027-01-31] [--models 'gemini-*,claude-*'] [--rpm 60]
                                         a named API key; its secret is printed once
  keys update NAME [--label T] [--expires 30d|never] [--models P] [--rpm N|none]
                                         change a key's rules (the secret stays)
  keys list | disable NAME | enable NAME | delete NAME | regenerate NAME
                                         manage named API keys (hashed in api-keys.json)
  service print systemd|launchd          print a user service (systemd unit or launchd agent) that runs serve
  console-login [--port N]               print the web console's address, a one-click sign-in link and the admin token

While serve runs on a data dir it owns it (skyport.lock): accounts and config changes go through it and
apply live, and a second serve on the same data dir is refused.

Options:
  --data-dir DIR                         where settings and accounts live (default $SKYPORT_DATA_DIR or ~/.skyport)
  --version, --help`;

/** `--refresh-token` with no value (last, or before another option) means `-`: read the token from stdin. */
function withStdinTokenFlag(argv: string[]): string[] {
  return argv.map((arg, index) => {
    const next = argv[index + 1];
    return arg === '--refresh-token' && (next === undefined || next.startsWith('--')) ? '--refresh-token=-' : arg;
  });
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: withStdinTokenFlag(argv),
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'refresh-token': { type: 'string' },
        file: { type: 'string' },
        out: { type: 'string' },
        plain: { type: 'boolean' },
        from: { type: 'string' },
        label: { type: 'string' },
        expires: { type: 'string' },
        models: { type: 'string' },
        rpm: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.version === true) {
      io.stdout(readPackageVersion());
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help === true || command === undefined || command === 'help') {
      io.stdout(usage);
      return command === undefined && values.help !== true ? 1 : 0;
    }
    const dataDir = resolveDataDir(values['data-dir'], io.environment, io.homeDir);
    switch (command) {
      case 'serve':
        return await runServeCommand(dataDir, { port: values.port, host: values.host }, io);
      case 'accounts':
        return await runAccountsCommand(dataDir, rest, { refreshToken: values['refresh-token'], file: values.file, out: values.out, plain: values.plain, from: values.from }, io);
      case 'config':
        return await runConfigCommand(dataDir, rest, io);
      case 'keys':
        return await runKeysCommand(dataDir, rest, { label: values.label, expires: values.expires, models: values.models, rpm: values.rpm }, io);
      case 'console-login':
        return await runConsoleLoginCommand(dataDir, { port: values.port }, io);
      case 'service':
        return runServiceCommand(rest, { dataDir, homeDir: io.homeDir, program: io.program ?? defaultProgram() }, io);
      default:
        io.stderr(`Unknown command "${command}".\n${usage}`);
        return 1;
    }
  } catch (error) {
    const gatewayError = toGatewayError(error);
    const message = gatewayError.kind === 'internal' && error instanceof Error ? error.message : gatewayError.message;
    io.stderr(`skyport: ${message}`);
    return 1;
  }
}

/** This install's node and its bin/skyport.mjs (in a checkout too, which `npm run serve` keeps built). */
function defaultProgram(): string[] {
  const root = findPackageRoot()?.directory ?? process.cwd();
  return [process.execPath, join(root, 'bin', 'skyport.mjs')];
}
