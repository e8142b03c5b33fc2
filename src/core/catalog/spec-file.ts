import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { KeyholeError } from '../errors.js';
import { rememberHash, rememberedHash } from './file-hash-memo.js';
import { type SpecLimits, specTooLarge } from './spec-limits.js';

/**
 * Only regular files are read: `/dev/zero` would fill memory, a FIFO would block forever (even
 * opening one waits for a writer), so both are refused by a look at the path first, and again on
 * the opened file in case the path changed in between.
 */
export async function readSpecFile(file: string, limits: SpecLimits): Promise<Buffer> {
  const maxBytes = limits.maxBytes;
  let handle: FileHandle | undefined;
  try {
    refuseUnlessRegular(file, await stat(file));
    // O_NONBLOCK: should a FIFO take the file's place after the check, open returns at once.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    refuseUnlessRegular(file, info);
    if (info.size > maxBytes) throw specTooLarge(file, limits, info.size);
    // The size may be stale (a growing file, /proc): read one byte past the limit to know.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size, 64 * 1024) + 1));
    let length = 0;
    let grown = buffer;
    for (;;) {
      if (length === grown.length) {
        if (length > maxBytes) throw specTooLarge(file, limits);
        grown = Buffer.concat([grown, Buffer.alloc(Math.min(grown.length, maxBytes + 1 - length))]);
      }
      const { bytesRead } = await handle.read(grown, length, grown.length - length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw specTooLarge(file, limits);
    return grown.subarray(0, length);
  } catch (error) {
    if (error instanceof KeyholeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyholeError(
      code === 'ENOENT' ? `no spec file at ${file}` : `cannot read the spec ${file} (${code})`,
      {
        exitCode: 2,
        hint: 'Give the path of an OpenAPI YAML or JSON file, or its URL.',
        cause: error,
      },
    );
  } finally {
    await handle?.close();
  }
}

function refuseUnlessRegular(file: string, info: Stats): void {
  if (info.isFile()) return;
  const kind = info.isDirectory()
    ? 'a directory'
    : info.isFIFO()
      ? 'a FIFO (named pipe)'
      : info.isCharacterDevice()
        ? 'a character device'
        : info.isBlockDevice()
          ? 'a block device'
          : info.isSocket()
            ? 'a socket'
            : 'not a regular file';
  throw new KeyholeError(`the spec ${file} is ${kind}; keyhole reads specs from regular files`, {
    exitCode: 2,
    hint: 'Save the spec to a file and give its path, or give its URL.',
  });
}

/** Bytes hashed per read: the file is never held whole. */
const HASH_CHUNK = 1024 * 1024;

/**
 * The sha256 (hex) of a spec file, read a megabyte at a time: what a cached load needs, without
 * holding Graph beta's 47 MB in memory; with `cacheDir`, remembered there for a file that has
 * not changed since (see file-hash-memo.ts), so that it is not read at all. Null when the file
 * cannot be read this way (missing, not a regular file, over the size limit): reading it whole
 * then says why.
 */
export async function hashSpecFile(
  file: string,
  limits: SpecLimits,
  cacheDir?: string,
  now: () => number = Date.now,
): Promise<string | null> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat({ bigint: true });
    if (!info.isFile() || info.size > BigInt(limits.maxBytes)) return null;
    const remembered = cacheDir === undefined ? null : rememberedHash(cacheDir, file, info);
    if (remembered !== null) return remembered;
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(Math.min(HASH_CHUNK, Math.max(Number(info.size), 1)));
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limits.maxBytes) return null;
      hash.update(chunk.subarray(0, bytesRead));
    }
    const sha256 = hash.digest('hex');
    // Remembered only if the file did not change while it was read.
    const after = await handle.stat({ bigint: true });
    if (
      cacheDir !== undefined &&
      after.mtimeNs === info.mtimeNs &&
      after.ctimeNs === info.ctimeNs
    ) {
      rememberHash(cacheDir, file, info, sha256, now());
    }
    return sha256;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
