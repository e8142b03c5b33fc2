import type { CallRequest } from '../../core/call/execute.js';
import { UsageError } from '../../core/errors.js';
import { PROFILE_NAME_PATTERN } from '../../core/profiles/schema.js';
import { plural } from '../../core/text/plural.js';
import { parseHeaders, parseMethod, parseQuery, parseTimeout, readBody } from './call-input.js';

/** The request options `call`, `compare` and `curl` share: -q, -H, -d, --timeout. */
export interface RequestOptions {
  query: string[];
  header: string[];
  data?: string;
  timeout?: string;
  /** `--no-spec-headers` sets it false: send only the headers given. */
  specHeaders?: boolean;
}

/** The request the options describe, parsed the same way `keyhole call` parses them. */
export async function requestFromOptions(
  methodText: string,
  path: string,
  options: RequestOptions,
): Promise<{ request: CallRequest; timeoutMs: number | undefined }> {
  const method = parseMethod(methodText);
  const query = parseQuery(options.query);
  const headers = parseHeaders(options.header);
  const timeoutMs = parseTimeout(options.timeout);
  const body = await readBody(options.data);
  return {
    request: { method, path, query, headers, ...(body !== undefined ? { body } : {}) },
    timeoutMs,
  };
}

/** `demo-api,demo-pat` → ['demo-api', 'demo-pat']: names checked, no repeats, at least `min`. */
export function parseProfileList(text: string, min: number, example: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!PROFILE_NAME_PATTERN.test(name)) throw new UsageError(`"${name}" is not a profile name`);
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new UsageError(`the profile "${repeated}" is listed twice`);
  if (names.length < min) {
    throw new UsageError(
      `give at least ${plural(min, 'profile')}, separated by commas`,
      `For example: ${example}`,
    );
  }
  return names;
}
