/**
 * The one way the command line writes a file. Content goes to a temporary file beside the
 * target, created exclusively (O_EXCL: never opens an existing path, never follows a planted
 * symlink) under a random name, flushed to disk, then renamed over the target. A failure at
 * any point (disk full, a kill, a bug) leaves the target exactly as it was.
 *
 * - A target reached through a symlink is written where the link points; the link stays.
 * - A replaced file keeps its permission bits (a 600 file stays 600).
 * - Temporaries left by a killed run (SIGKILL cannot be caught) are removed by the next
 *   write to the same folder: their name carries the pid that made them, and a pid that is
 *   no longer running cannot be writing.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, EXIT } from '../command';

const TEMP_MARK = '.leadscore-';
const TEMP_SUFFIX = '.tmp';
/** Temporaries this process has open, removed on SIGINT/SIGTERM (see removeOpenTemporaries). */
const openTemporaries = new Set<string>();

/** Where writing `path` really lands: a symlink's final target, else the path itself. */
export function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A dangling symlink: write where it points, as an editor saving through it would.
  try {
    if (lstatSync(path).isSymbolicLink()) return join(realpathSync(dirname(path)), basename(path));
  } catch {
    // no such path at all: a new file
  }
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** An output being written: write chunks, then commit (rename into place) or abort. */
export interface AtomicFile {
  /** The file the content will replace (symlinks resolved). */
  readonly target: string;
  write(chunk: Uint8Array | string): void;
  /** Writes `chunk` at an absolute offset (to patch a header written earlier). */
  writeAt(chunk: Uint8Array, position: number): void;
  /** Bytes written so far (the end of the file). */
  readonly size: number;
  commit(): void;
  abort(): void;
}

function outputError(path: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const e = error as NodeJS.ErrnoException;
  const why =
    e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'ENOENT' ? 'the folder does not exist' : e.code === 'EROFS' ? 'the disk is read-only' : e.message;
  return new CliError(`${path}: cannot write the output (${why}); nothing was changed`, EXIT.output);
}

/** Starts writing `path` atomically. Throws CliError (exit 3) when it cannot. */
export function openAtomic(path: string): AtomicFile {
  const target = realTarget(path);
  const folder = dirname(target);
  removeStaleTemporaries(folder);
  let mode: number | null = null;
  try {
    const existing = statSync(target);
    if (!existing.isFile()) throw new CliError(`${path}: is not a regular file; it cannot be replaced`, EXIT.output);
    mode = existing.mode & 0o7777;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw outputError(path, error);
  }
  const temp = join(folder, `.${basename(target).slice(0, 100)}${TEMP_MARK}${process.pid}-${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  let fd: number;
  try {
    // O_EXCL with O_CREAT fails on any existing path, symlinks included: nothing is followed.
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
  } catch (error) {
    throw outputError(path, error);
  }
  openTemporaries.add(temp);
  let size = 0;
  let done = false;
  const abort = (): void => {
    if (done) return;
    done = true;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    openTemporaries.delete(temp);
  };
  const guard = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      abort();
      throw outputError(path, error);
    }
  };
  return {
    target,
    get size() {
      return size;
    },
    write(chunk) {
      guard(() => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset, size + offset);
        size += bytes.length;
      });
    },
    writeAt(chunk, position) {
      guard(() => {
        let offset = 0;
        while (offset < chunk.length) offset += writeSync(fd, chunk, offset, chunk.length - offset, position + offset);
      });
    },
    commit() {
      guard(() => {
        // The new file takes the old one's permissions; a new file gets the umask's default.
        if (mode !== null && (fstatSync(fd).mode & 0o7777) !== mode) fchmodSync(fd, mode);
        fsyncSync(fd);
        closeSync(fd);
        renameSync(temp, target);
        done = true;
        openTemporaries.delete(temp);
      });
      syncFolder(folder);
    },
    abort,
  };
}

/** Writes a whole file atomically (see openAtomic). */
export function writeFileAtomically(path: string, content: Uint8Array | string): void {
  const file = openAtomic(path);
  try {
    file.write(content);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}

/** Makes the rename durable; not every platform can open a folder, which is fine. */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const TEMP_NAME = new RegExp(`^\\..*${TEMP_MARK.replace(/[.]/g, '\\.')}(\\d+)-[0-9a-f]{16}\\${TEMP_SUFFIX}$`);

/** Removes temporaries of leadscore runs that were killed: their process is gone. */
export function removeStaleTemporaries(folder: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    const path = join(folder, name);
    try {
      // Only plain files this user owns: never a symlink someone planted.
      const info = lstatSync(path);
      if (!info.isFile() || (typeof process.getuid === 'function' && info.uid !== process.getuid())) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // raced with another cleaner
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Called on SIGINT/SIGTERM: a catchable kill leaves no temporary behind. */
export function removeOpenTemporaries(): void {
  for (const temp of openTemporaries) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  openTemporaries.clear();
}
