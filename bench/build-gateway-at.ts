/**
 * The gateway as it was at another commit, bundled for a benchmark child: a detached git worktree
 * in a temporary directory, this checkout's node_modules linked into it, and that tree's own
 * bench/gateway-server.ts bundled with that tree's own scripts/bundle-node-entry.mjs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BuiltGateway {
  /** The bundled gateway-server, absolute. */
  entry: string;
  /** The commit it was built from (full hash). */
  commit: string;
  /** Removes the worktree. */
  remove(): void;
}

function git(repoRoot: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export async function buildGatewayAt(repoRoot: string, ref: string): Promise<BuiltGateway> {
  let commit: string;
  try {
    commit = git(repoRoot, ['rev-parse', '--verify', `${ref}^{commit}`]);
  } catch {
    throw new Error(`"${ref}" is not a commit of this repository`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'skyport-bench-base-'));
  git(repoRoot, ['worktree', 'add', '--detach', '--force', dir, commit]);
  const remove = (): void => {
    try {
      git(repoRoot, ['worktree', 'remove', '--force', dir]);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      git(repoRoot, ['worktree', 'prune']);
    }
  };
  try {
    const bundler = join(dir, 'scripts', 'bundle-node-entry.mjs');
    if (!existsSync(bundler) || !existsSync(join(dir, 'bench', 'gateway-server.ts'))) {
      throw new Error(`commit ${commit.slice(0, 7)} has no bundled benchmark gateway (scripts/bundle-node-entry.mjs); compare with a later one`);
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const { bundleNodeEntry } = (await import(pathToFileURL(bundler).href)) as { bundleNodeEntry(entry: string, outfile: string): Promise<unknown> };
    const outfile = join('out', 'bench', 'gateway-server.mjs');
    await bundleNodeEntry(join('bench', 'gateway-server.ts'), outfile);
    return { entry: join(dir, outfile), commit, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
