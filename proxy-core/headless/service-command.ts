/**
 * `skyport service print systemd|launchd`: a user-level service definition that runs this
 * install's `skyport serve` with this data dir, restarts it when it fails, and stops it with
 * SIGTERM (which drains in-flight requests, serve-command.ts) with time to finish them. Printed,
 * not installed: the README shows the two or three commands that put it in place.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { CliIo } from './cli-io.js';

/** Where the gateway drains (serve-command.ts waits up to 30 s), plus time to close. */
export const serviceStopTimeoutSeconds = 40;
export const launchdLabel = 'dev.skyport.gateway';

export interface ServiceDefinitionInput {
  /** Absolute program and arguments that run the gateway, e.g. [node, …/bin/skyport.mjs, serve, --data-dir, DIR]. */
  command: readonly string[];
  dataDir: string;
  /** Where launchd writes the process's output (systemd uses the journal). */
  logFile: string;
}

export function renderSystemdUnit(input: ServiceDefinitionInput): string {
  return [
    '# Skyport gateway as a systemd user service.',
    '# Save as ~/.config/systemd/user/skyport.service, then:',
    '#   systemctl --user daemon-reload && systemctl --user enable --now skyport',
    '# Logs: journalctl --user -u skyport -f (JSON lines; remove SKYPORT_LOG_FORMAT for plain text)',
    '[Unit]',
    'Description=Skyport local AI gateway',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${input.command.map(quoteSystemdArgument).join(' ')}`,
    `Environment=${quoteSystemdArgument('SKYPORT_LOG_FORMAT=json')}`,
    'Restart=on-failure',
    'RestartSec=5',
    // SIGTERM only to the main process: it finishes the requests in flight, then exits 0.
    'KillSignal=SIGTERM',
    'KillMode=mixed',
    `TimeoutStopSec=${serviceStopTimeoutSeconds}`,
    'UMask=0077',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

export function renderLaunchdAgent(input: ServiceDefinitionInput): string {
  const arguments_ = input.command.map((part) => `    <string>${escapeXml(part)}</string>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Skyport gateway as a launchd user agent. Save as ~/Library/LaunchAgents/dev.skyport.gateway.plist, then:',
    '     launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/dev.skyport.gateway.plist -->',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${launchdLabel}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...arguments_,
    '  </array>',
    '  <key>EnvironmentVariables</key>',
    '  <dict>',
    '    <key>SKYPORT_LOG_FORMAT</key>',
    '    <string>json</string>',
    '  </dict>',
    '  <key>RunAtLoad</key>',
    '  <true/>',
    // Restarted when it exits with an error; a clean stop (exit 0 after SIGTERM) stays stopped.
    '  <key>KeepAlive</key>',
    '  <dict>',
    '    <key>SuccessfulExit</key>',
    '    <false/>',
    '  </dict>',
    '  <key>ThrottleInterval</key>',
    '  <integer>5</integer>',
    // launchd stops a job with SIGTERM and sends SIGKILL after ExitTimeOut seconds.
    '  <key>ExitTimeOut</key>',
    `  <integer>${serviceStopTimeoutSeconds}</integer>`,
    '  <key>Umask</key>',
    '  <integer>63</integer>',
    '  <key>StandardOutPath</key>',
    `  <string>${escapeXml(input.logFile)}</string>`,
    '  <key>StandardErrorPath</key>',
    `  <string>${escapeXml(input.logFile)}</string>`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export interface ServiceCommandContext {
  dataDir: string;
  /** The program and script that run this install's CLI (cli.ts passes node and bin/skyport.mjs). */
  program: readonly string[];
  homeDir: string;
}

export function runServiceCommand(args: readonly string[], context: ServiceCommandContext, io: Pick<CliIo, 'stdout'>): number {
  const [action, kind, ...extra] = args;
  if (action !== 'print' || (kind !== 'systemd' && kind !== 'launchd') || extra.length > 0) {
    throw new GatewayError('invalid_request', 'Usage: skyport service print systemd|launchd');
  }
  const input: ServiceDefinitionInput = {
    command: [...context.program, 'serve', '--data-dir', context.dataDir],
    dataDir: context.dataDir,
    logFile: `${context.homeDir}/Library/Logs/skyport.log`,
  };
  io.stdout(kind === 'systemd' ? renderSystemdUnit(input) : renderLaunchdAgent(input));
  return 0;
}

/** systemd's quoting: double quotes when needed, `%` doubled (it starts a specifier), backslash and quote escaped. */
export function quoteSystemdArgument(value: string): string {
  const escaped = value.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/(["\\])/g, '\\$1').replace(/\$/g, '$$$$')}"`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
