/**
 * The kinds of file the command line reads, and reading a small one whole (a model JSON).
 * Lead tables are read as streams: CSV in src/cli/files/csvReader.ts, workbooks in
 * src/cli/files/xlsxPackage.ts. Every failure is a CliError that names the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError } from './command';

export type FileKind = 'csv' | 'xlsx';

export function fileKind(path: string): FileKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  throw new CliError(`${path}: unknown file type '${ext}'; leadscore reads .xlsx and .csv files`);
}

/** The largest file read whole (a model JSON): beyond it, it is not a model. */
const MAX_WHOLE_FILE = 64 * 1024 * 1024;

export function readInput(path: string): Buffer {
  try {
    const size = statSync(path).size;
    if (size > MAX_WHOLE_FILE) throw new CliError(`${path}: ${(size / 1e6).toFixed(0)} MB is too large for a model file`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: string }).code;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`);
  }
}
