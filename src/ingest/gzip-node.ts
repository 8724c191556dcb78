/**
 * Node-only: gzip read tolerantly. A gzip file cut short (an interrupted download) gives the text
 * decompressed before the cut and one warning, as the same cut on the plain file would give its
 * first part, instead of nothing.
 */
import { open } from 'node:fs/promises';
import { constants, createGunzip, type Gunzip, gunzipSync } from 'node:zlib';
import type { Diagnostic } from '../model/types.ts';
import { diagnostic } from './diagnostics.ts';

export function isGzipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses gzip bytes; `cut` when the data ends before the gzip stream does. */
export function gunzipTolerant(bytes: Uint8Array): { bytes: Uint8Array; cut: boolean } {
  try {
    return { bytes: gunzipSync(bytes), cut: false };
  } catch (error) {
    if ((error as { code?: string }).code !== 'Z_BUF_ERROR') throw error;
    // The sync flush hands over everything decoded so far instead of failing at the missing end.
    return { bytes: gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }), cut: true };
  }
}

/** A gunzip stream that ends quietly at a cut, with everything decoded before it. */
export function createTolerantGunzip(): Gunzip {
  return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * Whether a gzip file whose decompressed size was `decompressedBytes` was cut short: its last four
 * bytes hold the size of the (last) member's data modulo 2^32, which a cut leaves wrong. A file of
 * several gzip members is judged by its last member only, so it may be called cut when it is not.
 */
export async function gzipFileWasCut(path: string, decompressedBytes: number): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 18) return true;
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 4);
    return trailer.readUInt32LE(0) !== decompressedBytes % 2 ** 32;
  } finally {
    await handle.close();
  }
}

/** The one warning for a cut gzip file, at the last line read. */
export function gzipCutDiagnostic(file: string, line: number, decompressedBytes: number): Diagnostic {
  return diagnostic(
    'warning',
    file,
    line,
    'truncated-gzip',
    `expected a complete gzip file, found one cut short; read the ${decompressedBytes} bytes of text before the cut`,
  );
}
