/**
 * Which paths citegraph reads as inputs: regular files, and `-`, standard input, when asked for by
 * name. FIFOs, devices and sockets are refused: /dev/zero never ends, a FIFO may never be written.
 *
 * Node-only.
 */
import { fstatSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** The input name that stands for standard input. */
export const STANDARD_INPUT = '-';

/** An input's file status (`-`: standard input's, which may be a pipe, a socket or a file). */
export async function statInput(path: string): Promise<Stats> {
  return path === STANDARD_INPUT ? fstatSync(0) : stat(path);
}

/** An input's bytes, read to the end (`-`: standard input). */
export async function readInputBytes(path: string): Promise<Buffer> {
  if (path !== STANDARD_INPUT) return readFile(path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Why an input that is not a folder cannot be read, in a few words; undefined for a regular file. */
export function notRegularFile(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  const kind = info.isFIFO()
    ? 'a FIFO (named pipe)'
    : info.isCharacterDevice()
      ? 'a character device'
      : info.isBlockDevice()
        ? 'a block device'
        : info.isSocket()
          ? 'a socket'
          : 'a special file';
  return `${kind}, not a regular file: not read, as it may never end (pass - to read standard input)`;
}
