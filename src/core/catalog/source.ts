import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, interceptors, request } from 'undici';
import { KeyholeError } from '../errors.js';

/** SailPoint's beta spec is 2.3 MB; anything past this is not an API description. */
const MAX_SPEC_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** A spec's raw bytes and where they came from. */
export interface SpecBytes {
  /** An absolute file path or the URL as given. */
  source: string;
  bytes: Buffer;
}

/** Whether a source names an http(s) URL rather than a file. */
export function isUrlSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Reads a spec from a file path (relative paths resolve against the working directory) or
 * downloads it from an http(s) URL, following up to five redirects.
 */
export async function readSpecSource(
  source: string,
  options: { signal?: AbortSignal } = {},
): Promise<SpecBytes> {
  if (isUrlSource(source)) return { source, bytes: await download(source, options.signal) };
  const file = path.resolve(source);
  try {
    return { source: file, bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyholeError(
      code === 'ENOENT' ? `no spec file at ${file}` : `cannot read the spec ${file} (${code})`,
      {
        exitCode: 2,
        hint: 'Give the path of an OpenAPI YAML or JSON file, or its URL.',
        cause: error,
      },
    );
  }
}

// One agent for every download: redirects are an interceptor in undici 7, not a request option.
let agent: ReturnType<Agent['compose']> | undefined;

async function download(url: string, signal: AbortSignal | undefined): Promise<Buffer> {
  agent ??= new Agent({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS }).compose(
    interceptors.redirect({ maxRedirections: 5 }),
  );
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      dispatcher: agent,
      signal,
      headers: { accept: 'application/json, application/yaml, text/yaml, */*;q=0.5' },
    });
  } catch (error) {
    throw new KeyholeError(`cannot download the spec ${url}: ${(error as Error).message}`, {
      hint: 'Check the URL and your network, or save the file and give its path.',
      cause: error,
    });
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump();
    throw new KeyholeError(`downloading the spec ${url} failed with HTTP ${response.statusCode}`, {
      hint: 'Check the URL, or save the file and give its path.',
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_SPEC_BYTES) {
        response.body.destroy();
        throw new KeyholeError(`the spec ${url} is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MB`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof KeyholeError) throw error;
    // The connection was reset or closed part-way: nothing of the half-read spec is used or cached.
    throw new KeyholeError(
      `the download of the spec ${url} broke off after ${size} bytes: ${(error as Error).message}`,
      {
        hint: 'Run the command again; if it keeps failing, save the file and give its path.',
        cause: error,
      },
    );
  }
  return Buffer.concat(chunks);
}
