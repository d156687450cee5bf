/**
 * Which Chromium the e2e tests drive. By default the Linux x64 build inside the npm package
 * @sparticuz/chromium (so `npm ci` is the whole set-up), unpacked once per installed version
 * into node_modules/.cache. CHROMIUM_PATH overrides it: macOS and Windows developers point it
 * at their own Chrome or Edge.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PACKAGE_DIR = path.join(ROOT, 'node_modules/@sparticuz/chromium');

export const CHROMIUM_PATH_HINT =
  'Set CHROMIUM_PATH to a Chrome, Chromium or Edge executable to run the e2e tests with that browser ' +
  '(for example CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test).';

/** Flags for any Chromium: no traffic of its own (the machine may be offline), nothing to click through. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

export interface ChromiumForTests {
  /** Where it comes from, for messages: the package and its version, or CHROMIUM_PATH. */
  readonly origin: string;
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Environment for the browser process; undefined means this process's own. */
  readonly env: Record<string, string> | undefined;
}

/** Resolves (and on first use unpacks) the Chromium to test with; throws a message naming CHROMIUM_PATH when there is none. */
export async function chromiumForTests(): Promise<ChromiumForTests> {
  const override = process.env.CHROMIUM_PATH;
  if (override !== undefined && override !== '') {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH is ${override}, which does not exist. ${CHROMIUM_PATH_HINT}`);
    return {
      origin: 'CHROMIUM_PATH',
      executablePath: override,
      args: ['--headless', '--no-sandbox', '--disable-gpu', ...QUIET_FLAGS],
      env: undefined,
    };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`@sparticuz/chromium ships Chromium for Linux x64 only, and this is ${process.platform} ${process.arch}. ${CHROMIUM_PATH_HINT}`);
  }
  if (!existsSync(PACKAGE_DIR)) throw new Error(`@sparticuz/chromium is not installed; run npm ci. ${CHROMIUM_PATH_HINT}`);
  const version = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = await unpacked(version);
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return {
    origin: `@sparticuz/chromium ${version}`,
    executablePath: path.join(dir, 'chromium'),
    args: [...sparticuz.args, ...QUIET_FLAGS],
    env: {
      ...stringEnv(),
      // The package's own fonts.conf names /tmp/fonts; ours names the unpacked copy, so text
      // renders the same (Open Sans) on every machine, with or without system fonts.
      FONTCONFIG_FILE: path.join(dir, 'leadscore-fonts.conf'),
      // NSS, NSPR and expat from the package (built for Amazon Linux 2023), so the browser
      // needs no libnss3 or libexpat1 from the system.
      LD_LIBRARY_PATH: [path.join(dir, 'al2023/lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    },
  };
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * The package's executablePath() unpacks into os.tmpdir(), which other projects on the machine
 * share and which is racy when several test workers start at once. So it runs in a child
 * process whose TMPDIR is a private staging folder, which then moves into place in one rename:
 * a reader sees either nothing or a complete browser.
 */
async function unpacked(version: string): Promise<string> {
  const cache = path.join(ROOT, 'node_modules/.cache/leadscore-chromium');
  const dir = path.join(cache, version);
  if (existsSync(path.join(dir, 'leadscore-fonts.conf'))) return dir;
  const staging = `${dir}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const script = "const { default: chromium } = await import('@sparticuz/chromium'); process.stdout.write(await chromium.executablePath());";
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      // AWS_EXECUTION_ENV makes the package unpack its Amazon Linux libraries (NSS, NSPR, expat) too.
      env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' },
      maxBuffer: 1 << 20,
    });
    if (path.resolve(stdout.trim()) !== path.join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout.trim()}, not ${staging}`);
    writeFileSync(
      path.join(staging, 'leadscore-fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another worker finished first; its copy is as good as ours.
      if (!existsSync(path.join(dir, 'leadscore-fonts.conf'))) throw error;
    }
  } catch (error) {
    throw new Error(`Could not unpack Chromium from @sparticuz/chromium ${version}: ${(error as Error).message}. ${CHROMIUM_PATH_HINT}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
