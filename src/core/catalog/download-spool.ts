import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { PRIVATE_FILE_MODE } from '../config/paths.js';
import { storageError } from '../config/storage-error.js';
import type { KeyholeError } from '../errors.js';

/** Where a download's bytes go as they arrive. */
export interface DownloadSink {
  write(chunk: Buffer): void;
}

/** A finished spool: the bytes, their hash, and why they could not stay on disk (if so). */
export interface SpooledBytes {
  bytes: Buffer;
  sha256: string;
  /** The file now holding the bytes, or null when they were kept in memory only. */
  file: string | null;
  error: KeyholeError | null;
}

/**
 * A download written to a temporary file beside its final place as it arrives (a 78 MB spec
 * never sits in memory as chunks plus their concatenation), then renamed into place by
 * {@link DownloadSpool.finish}. When the disk refuses (read-only, full), the bytes written so far
 * are read back into memory and the download goes on there: the spec is still used, only the
 * copy is lost, and `error` says why.
 */
export class DownloadSpool implements DownloadSink {
  private readonly temp: string;
  private readonly hash = createHash('sha256');
  private fd: number | undefined;
  private written = 0;
  /** Set once the disk failed: the bytes from then on. */
  private memory: Buffer[] | undefined;
  private error: KeyholeError | null = null;

  /**
   * @param file where the bytes end up
   * @param openDir creates the folder; called when the first chunk arrives (never for a 304)
   */
  constructor(
    private readonly file: string,
    private readonly openDir: () => void,
  ) {
    this.temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.part`;
  }

  write(chunk: Buffer): void {
    this.hash.update(chunk);
    if (this.memory !== undefined) {
      this.memory.push(chunk);
      return;
    }
    const before = this.written;
    try {
      if (this.fd === undefined) {
        this.openDir();
        this.fd = openSync(this.temp, 'wx', PRIVATE_FILE_MODE);
        // The mode given to open() is narrowed by the umask; fchmod makes it exact.
        fchmodSync(this.fd, PRIVATE_FILE_MODE);
      }
      let offset = 0;
      while (offset < chunk.length) {
        const count = writeSync(this.fd, chunk, offset, chunk.length - offset);
        if (count <= 0) throw Object.assign(new Error('nothing was written'), { code: 'ENOSPC' });
        offset += count;
      }
      this.written += chunk.length;
    } catch (error) {
      // The whole earlier chunks are on disk (a read works on a full disk); this one is in hand.
      this.memory = [this.readBack(before), chunk];
      this.fail(error);
    }
  }

  /**
   * All bytes arrived: flushed, renamed into place, and returned (the parse needs them whole).
   * A failure here too only costs the copy.
   */
  finish(): SpooledBytes {
    const sha256 = this.hash.digest('hex');
    if (this.memory === undefined && this.fd === undefined) {
      return { bytes: Buffer.alloc(0), sha256, file: null, error: null }; // an empty body
    }
    if (this.memory === undefined) {
      try {
        // Delayed allocation can report a full disk only here.
        fsyncSync(this.fd as number);
        closeSync(this.fd as number);
        this.fd = undefined;
        renameSync(this.temp, this.file);
        return { bytes: readFileSync(this.file), sha256, file: this.file, error: null };
      } catch (error) {
        this.memory = [this.readBack(this.written)];
        this.fail(error);
      }
    }
    return { bytes: Buffer.concat(this.memory ?? []), sha256, file: null, error: this.error };
  }

  /** The download failed or was not needed: the temporary file goes. */
  discard(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Already failing: nothing more to say.
      }
      this.fd = undefined;
    }
    try {
      rmSync(this.temp, { force: true });
    } catch {
      // A read-only folder could not hold it either.
    }
  }

  private readBack(length: number): Buffer {
    if (this.fd === undefined || length === 0) return Buffer.alloc(0);
    try {
      return readFileSync(this.temp).subarray(0, length);
    } catch (error) {
      // Half a spec is no spec: this download fails, saying why.
      const failure = storageError(error, this.temp, 'read');
      this.discard();
      throw failure;
    }
  }

  private fail(error: unknown): void {
    this.discard();
    this.error = storageError(error, this.file, 'write');
  }
}
