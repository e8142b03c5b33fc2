import { matchOperation } from '../../core/catalog/index.js';
import { selfCommand, toCurl } from '../../core/curl/index.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import { printLine, warn } from '../output.js';
import { catalogFor } from './catalog-for.js';
import { type RequestOptions, requestFromOptions } from './request-input.js';
import { withSpecHeaders } from './spec-headers.js';

interface CurlOptions extends RequestOptions {
  spec?: string[];
  maxSpecSize?: string;
  cacert?: string;
  insecure?: boolean;
}

/**
 * `keyhole curl`: the request `keyhole call` would send, as a curl command on stdout. The token
 * is never printed: the command runs `keyhole token PROFILE --header` when it is used (through
 * the way this keyhole was started when no `keyhole` on PATH is this one).
 */
export async function curlCommand(
  profileName: string,
  methodText: string,
  path: string,
  options: CurlOptions,
): Promise<void> {
  const { request: written, timeoutMs } = await requestFromOptions(methodText, path, options);
  const profile = new ProfileRepository().get(profileName);
  const catalog = await catalogFor(profile, options.spec ?? [], {
    forPath: new URL(path, 'http://x').pathname,
    maxSpecSize: options.maxSpecSize,
  });
  const operation = catalog
    ? matchOperation(catalog.operations, written.method, new URL(path, 'http://x').pathname)
    : undefined;
  const request = withSpecHeaders(written, operation, options.specHeaders !== false, 'curl');
  const { command, warnings } = toCurl(profile, request, {
    ...(timeoutMs !== undefined ? { timeoutSeconds: timeoutMs / 1000 } : {}),
    ...(options.cacert !== undefined ? { caFile: options.cacert } : {}),
    insecure: options.insecure === true,
    keyhole: selfCommand({ script: process.argv[1], node: process.execPath, env: process.env }),
  });
  warnings.forEach(warn);
  printLine(command);
}
