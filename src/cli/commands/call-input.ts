import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { parseDuration } from './limit-input.js';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export function parseMethod(text: string): string {
  const method = text.toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`"${text}" is not an HTTP method`, `Use one of ${METHODS.join(', ')}.`);
  }
  return method;
}

/** `-q limit=10` → ['limit', '10']; the value may itself contain `=`. */
export function parseQuery(items: readonly string[]): [string, string][] {
  return items.map((item) => {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`-q ${item}: expected NAME=VALUE`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

/** `-H 'X-Trace: 1'` → { 'X-Trace': '1' }. */
export function parseHeaders(items: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf(':');
    if (at <= 0) throw new UsageError(`-H ${item}: expected 'Name: value'`);
    headers[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return headers;
}

/** `-d '{…}'`, `-d @file.json` or `-d @-` (stdin), like curl. */
export async function readBody(data: string | undefined): Promise<string | undefined> {
  if (data === undefined) return undefined;
  if (data === '@-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  if (data.startsWith('@')) {
    try {
      return readFileSync(data.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`-d ${data}: ${(error as Error).message}`);
    }
  }
  return data;
}

/** `--timeout 30`, `--timeout 500ms`, `--timeout none` (0: wait forever); see parseDuration. */
export function parseTimeout(text: string | undefined): number | undefined {
  return parseDuration('--timeout', text);
}
