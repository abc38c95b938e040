#!/usr/bin/env node
/** Process entry of the `skyport` CLI (`npm run skyport -- <args>`, `npm run serve`). */
import { homedir } from 'node:os';
import { createLineReader, type LineReader } from './create-line-reader.js';
import { readHiddenLine } from './read-hidden-line.js';
import { runCli } from './run-cli.js';

const stopSignal = new Promise<string>((resolve) => {
  process.once('SIGINT', () => resolve('SIGINT'));
  process.once('SIGTERM', () => resolve('SIGTERM'));
});

// Created on first use only: `serve` never touches stdin.
let lineReader: LineReader | undefined;

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  environment: process.env,
  homeDir: homedir(),
  stopSignal,
  readLine: (signal) => (lineReader ??= createLineReader(process.stdin)).readLine(signal),
  stdinIsTerminal: process.stdin.isTTY === true,
  // The prompt goes to stderr: stdout carries only the command's answer (the added email).
  readHiddenLine: (prompt) => readHiddenLine(process.stdin, process.stderr, prompt),
});
process.exit(exitCode);
