/**
 * The production bundle the e2e tests load: rebuilt when dist/ is missing or was built from
 * other sources. "Other sources" is a hash of what the build reads (src/, assets/, the manifest,
 * the webpack and TypeScript configs, the lockfile), so a checkout, a merge or an edit each
 * trigger a build, and nothing else does. A lock folder keeps two vitest processes from
 * building into the same dist/ at once.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.sources-hash');
const LOCK = path.join(ROOT, 'node_modules/.cache/leadscore-bundle.lock');
const INPUTS = ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'scripts/functions-metadata.mjs', 'tsconfig.json', 'package-lock.json'];

export interface BundleReport {
  readonly built: boolean;
  /** Why it was (re)built, or that it was current. */
  readonly reason: string;
  readonly seconds: number;
}

export async function ensureBundle(): Promise<BundleReport> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  await acquireLock();
  try {
    const hash = sourcesHash();
    const reason = staleness(hash);
    if (reason === undefined) return { built: false, reason: 'dist/ matches the sources', seconds: seconds() };
    await runWebpack();
    writeFileSync(STAMP, `${hash}\n`);
    return { built: true, reason, seconds: seconds() };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function staleness(hash: string): string | undefined {
  if (!existsSync(path.join(DIST, 'taskpane.js'))) return 'dist/ was missing';
  if (!existsSync(STAMP)) return 'dist/ was built outside the tests';
  if (readFileSync(STAMP, 'utf8').trim() !== hash) return 'the sources changed since dist/ was built';
  return undefined;
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  const add = (relative: string): void => {
    const full = path.join(ROOT, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(path.join(relative, name));
      return;
    }
    hash.update(`${relative}\0`).update(readFileSync(full)).update('\0');
  };
  for (const input of INPUTS) add(input);
  return hash.digest('hex');
}

function runWebpack(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`The production build (webpack --mode production) failed with exit code ${code}:\n${output.split('\n').slice(-40).join('\n')}`));
    });
  });
}

/** mkdir is atomic: whoever creates the folder owns the lock; a lock whose owner died is taken over. */
async function acquireLock(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!ownerAlive()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Waited 15 minutes for another build of dist/ to finish (lock ${LOCK}).`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function ownerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
  } catch {
    return true; // created a moment ago, pid not written yet
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
