import { execFileSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  fstatSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Why a small tmpfs cannot be mounted here (not root, no mount(8), a container without
 * CAP_SYS_ADMIN), or undefined when it can. Probed once by mounting and unmounting one.
 */
export function tmpfsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `tmpfs needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const probe = mkdtempSync(path.join(tmpdir(), 'keyhole-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `mount -t tmpfs failed: ${stderr || (error as Error).message}`;
  }
}

/** A real, small file system: writes past `sizeKb` fail with ENOSPC, as on a full disk. */
export class SmallDisk {
  readonly dir: string;
  private readonly filler: string;
  private mounted = false;

  constructor(sizeKb: number) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'keyhole-small-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', this.dir]);
    this.mounted = true;
    this.filler = path.join(this.dir, 'filler');
  }

  /**
   * Fills the disk with a filler file until a write fails with ENOSPC, then gives back `spare`
   * bytes (0: not one byte more fits, though the last page of an existing file may have room).
   */
  fill(spare = 0): void {
    const fd = openSync(this.filler, 'a');
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    try {
      for (;;) {
        try {
          if (writeSync(fd, chunk) < chunk.length) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
      if (spare > 0) ftruncateSync(fd, Math.max(0, fstatSync(fd).size - spare));
    } finally {
      closeSync(fd);
    }
  }

  /** Frees everything fill() took. */
  free(): void {
    rmSync(this.filler, { force: true });
  }

  /** Makes the whole file system read-only (EROFS on every write). */
  readOnly(): void {
    execFileSync('mount', ['-o', 'remount,ro', this.dir]);
  }

  unmount(): void {
    if (!this.mounted) return;
    execFileSync('umount', [this.dir]);
    this.mounted = false;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
