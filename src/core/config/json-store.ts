import Conf from 'conf';
import { chmodSync, existsSync, lstatSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { ZodMiniType } from '../schema-kit.js';
import { ConfigCorruptError, type KeyholeError } from '../errors.js';
import { emitNotice } from '../notices.js';
import { describeIssue } from '../validation.js';
import { writeFileAtomic } from './atomic-write.js';
import { withFileLock } from './lock.js';
import { PRIVATE_FILE_MODE, assertFolderOrMissing, ensurePrivateDir } from './paths.js';
import { errnoOf, storageError } from './storage-error.js';

/** How a store treats a file it cannot read. */
export interface JsonFileStoreOptions<T> {
  /**
   * A cache (tokens.json): a corrupt file is moved aside to `.corrupt-<time>` with a warning and
   * the store starts empty, because everything in it can be fetched again. Config and secrets
   * are never disposable: a corrupt file is reported and kept.
   */
  disposable?: boolean;
  /** What the file is, in messages: "token cache". @default "config file" */
  label?: string;
  /** A check beyond the schema (duplicate names, say); returns the error to throw. */
  check?: (data: T) => KeyholeError | undefined;
}

/**
 * One JSON file in the config folder (config.json, secrets.json, …), read with conf, written
 * with writeFileAtomic and guarded by a cross-process lock. Reads validate against a zod schema (schema-kit.ts);
 * a file that is not valid JSON or does not match is reported as corrupt and never rewritten
 * (unless the store is a disposable cache).
 */
export class JsonFileStore<T extends Record<string, unknown>> {
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly schema: ZodMiniType<T>,
    private readonly empty: () => T,
    private readonly options: JsonFileStoreOptions<T> = {},
  ) {
    this.file = path.join(dir, `${name}.json`);
  }

  /** Reads the current contents (an empty value when the file does not exist yet). */
  read(): T {
    if (!existsSync(this.file)) {
      assertFolderOrMissing(this.dir);
      return this.empty();
    }
    let raw: unknown;
    try {
      raw = this.conf().store;
    } catch (error) {
      // EACCES, EISDIR, …: the file system said no; the contents may be fine.
      if (errnoOf(error)) throw storageError(error, this.file, 'read');
      throw new ConfigCorruptError(this.file, describeParseError(error));
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigCorruptError(this.file, describeIssue(parsed.error, 'top level'));
    }
    const problem = this.options.check?.(parsed.data);
    if (problem) throw problem;
    return parsed.data;
  }

  /**
   * Like read, but a disposable store whose file is corrupt moves it aside (under the lock) and
   * reads as empty, instead of failing.
   */
  async readOrDiscard(): Promise<T> {
    try {
      return this.read();
    } catch (error) {
      if (!this.options.disposable || !(error instanceof ConfigCorruptError)) throw error;
    }
    return withFileLock(this.file, () => this.readDiscarding());
  }

  /**
   * Locks the file, reads it fresh, lets `change` compute the next contents, writes them
   * atomically and re-applies 0600/0700. Returns whatever `change` returns alongside the data.
   */
  async update<R>(
    change: (current: T) => Promise<{ next: T; result: R }> | { next: T; result: R },
  ): Promise<R> {
    ensurePrivateDir(this.dir);
    return withFileLock(this.file, async () => {
      const current = this.options.disposable ? this.readDiscarding() : this.read();
      const { next, result } = await change(current);
      this.write(next);
      return result;
    });
  }

  /**
   * Moves a corrupt file aside to `<name>.json.corrupt-<timestamp>` and starts empty. The only
   * path that replaces a config file keyhole cannot read, and only when the user asks for it.
   */
  async repair(): Promise<{ backup: string } | undefined> {
    ensurePrivateDir(this.dir);
    return withFileLock(this.file, () => {
      try {
        this.read();
        return undefined;
      } catch (error) {
        if (!(error instanceof ConfigCorruptError)) throw error;
      }
      const backup = this.moveAside();
      this.write(this.empty());
      return { backup };
    });
  }

  /** read() for a disposable store inside the lock: a corrupt file is moved aside, with a notice. */
  private readDiscarding(): T {
    try {
      return this.read();
    } catch (error) {
      if (!(error instanceof ConfigCorruptError)) throw error;
      const backup = this.moveAside();
      emitNotice(
        `the ${this.options.label ?? 'config file'} ${this.file} could not be read ` +
          `(${error.detail}); it was moved aside to ${backup} and starts empty`,
      );
      return this.empty();
    }
  }

  /**
   * Renames the file to a timestamped backup. A rename moves a symbolic link itself, never its
   * target; only a regular file is chmod-ed, so a link's target outside the folder keeps its mode.
   */
  private moveAside(): string {
    const backup = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      // A rename keeps the exact bytes; conf could not even open the corrupt file to overwrite it.
      renameSync(this.file, backup);
      if (lstatSync(backup).isFile()) chmodSync(backup, PRIVATE_FILE_MODE);
    } catch (error) {
      throw storageError(error, this.file, 'move aside');
    }
    return backup;
  }

  private write(next: T): void {
    // conf's own write (the `atomically` package) stored a short write as if it were whole on a
    // full disk; the format stays conf's (tab-indented JSON) so conf reads it back.
    writeFileAtomic(this.file, JSON.stringify(this.schema.parse(next), undefined, '\t'));
  }

  private conf(): Conf<T> {
    return new Conf<T>({
      cwd: this.dir,
      configName: this.name,
      projectName: 'keyhole',
      projectSuffix: '',
      configFileMode: PRIVATE_FILE_MODE,
      // conf's default would silently replace a corrupt file with {}: keyhole never does that.
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      // The schema check in read() is what makes the result a T; conf only needs an object.
      deserialize: parseJsonObject as (text: string) => T,
    });
  }
}

/** JSON.parse, but a top level that is not an object is an error too (conf would coerce it). */
function parseJsonObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError(
      `the top level is ${Array.isArray(value) ? 'an array' : String(value)}, not an object`,
    );
  }
  return value as Record<string, unknown>;
}

function describeParseError(error: unknown): string {
  if (error instanceof SyntaxError) {
    return `not valid JSON: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
