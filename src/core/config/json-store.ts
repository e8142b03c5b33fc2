import Conf from 'conf';
import { chmodSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigCorruptError } from '../errors.js';
import { describeIssue } from '../validation.js';
import { withFileLock } from './lock.js';
import { PRIVATE_FILE_MODE, ensurePrivateDir } from './paths.js';

/**
 * One JSON file in the config folder (config.json, secrets.json, …), stored with conf and guarded
 * by a cross-process lock. Reads validate against a zod schema; a file that is not valid JSON or
 * does not match is reported as corrupt and never rewritten.
 */
export class JsonFileStore<T extends Record<string, unknown>> {
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {
    this.file = path.join(dir, `${name}.json`);
  }

  /** Reads the current contents (an empty value when the file does not exist yet). */
  read(): T {
    if (!existsSync(this.file)) return this.empty();
    let raw: unknown;
    try {
      raw = this.conf().store;
    } catch (error) {
      throw new ConfigCorruptError(this.file, describeParseError(error));
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigCorruptError(this.file, describeIssue(parsed.error, 'top level'));
    }
    return parsed.data;
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
      const { next, result } = await change(this.read());
      this.write(next);
      return result;
    });
  }

  /**
   * Moves a corrupt file aside to `<name>.json.corrupt-<timestamp>` and starts empty. The only
   * path that replaces a file keyhole cannot read, and only when the user asks for it.
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
      const backup = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      // A rename keeps the exact bytes; conf could not even open the corrupt file to overwrite it.
      renameSync(this.file, backup);
      chmodSync(backup, PRIVATE_FILE_MODE);
      this.write(this.empty());
      return { backup };
    });
  }

  private write(next: T): void {
    this.conf().store = this.schema.parse(next);
    chmodSync(this.file, PRIVATE_FILE_MODE);
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
