import type { AccessPrediction } from '../../core/access/index.js';
import type { CatalogOperation } from '../../core/catalog/index.js';
import { type CallResult, executeAllPages, executeCall } from '../../core/call/execute.js';
import { bodyJsonProblem, describeJsonProblem } from '../../core/call/json-body.js';
import { UsageError } from '../../core/errors.js';
import { redactHeaders } from '../../core/http/index.js';
import type { ProgressEvent, ResponseRecord } from '../../core/http/index.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import { formatBytes } from '../../core/text/size.js';
import { plural } from '../../core/text/plural.js';
import { TokenService } from '../../core/tokens/service.js';
import { profilesWithUserContext } from '../../core/tokens/user-context.js';
import { terminalInteraction } from '../interaction.js';
import { note, type Printable, printJson, printLine, styled, warn, writeRaw } from '../output.js';
import { parseHeaders, parseMethod, parseQuery, parseTimeout, readBody } from './call-input.js';
import { bodyCutMessage } from './body-cut.js';
import { catalogFor } from './catalog-for.js';
import { withSpecHeaders } from './spec-headers.js';
import { reportSideFailure } from '../side-failures.js';
import { parseDuration, parseSize } from './limit-input.js';
import { saveHistory } from './save-history.js';

interface CallOptions {
  query: string[];
  header: string[];
  data?: string;
  allPages?: boolean;
  json?: boolean;
  verbose?: boolean;
  timeout?: string;
  maxTime?: string;
  maxBody?: string;
  spec: string[];
  maxSpecSize?: string;
  cacert?: string;
  insecure?: boolean;
  sendInvalidJson?: boolean;
  specHeaders?: boolean;
}

/**
 * A body sent as JSON that does not parse stops the call before anything is sent (exit 2), with
 * where it breaks; `--send-invalid-json` sends it anyway, with the same words as a warning.
 */
function checkJsonBody(
  body: string | undefined,
  headers: Readonly<Record<string, string>>,
  sendAnyway: boolean,
): void {
  const problem = bodyJsonProblem(body, headers);
  if (problem === null) return;
  const message = `the body is ${describeJsonProblem(problem)}`;
  if (sendAnyway) return warn(`${message}; sending it anyway (--send-invalid-json)`);
  throw new UsageError(
    message,
    'Fix it, send it anyway with --send-invalid-json, or name its type with -H "Content-Type: …".',
  );
}

/** Idempotent requests wait out a 429 this long at most before giving up. */
const RETRY_ON_429 = { maxWaitMs: 60_000, maxRetries: 3 };

/**
 * `keyhole call`: the body on stdout (pretty on a terminal, raw bytes streamed to a pipe or
 * file), everything about the exchange on stderr, one JSON object with --json. Exit 0 below 400;
 * 1 for an error status, a body cut by --max-body, or --all-pages items that may be missing.
 */
export async function callCommand(
  profileName: string,
  methodText: string,
  path: string,
  options: CallOptions,
): Promise<number> {
  const method = parseMethod(methodText);
  const query = parseQuery(options.query);
  const headers = parseHeaders(options.header);
  const timeoutMs = parseTimeout(options.timeout);
  const deadlineMs = parseDuration('--max-time', options.maxTime);
  const maxBodyBytes = parseSize('--max-body', options.maxBody);
  const body = await readBody(options.data);
  checkJsonBody(body, headers, options.sendInvalidJson === true);
  const repository = new ProfileRepository();
  const profile = repository.get(profileName);
  const tokens = new TokenService(repository.dir, repository.vault);
  const catalog = await catalogFor(profile, options.spec, {
    verbose: options.verbose,
    forPath: new URL(path, 'http://x').pathname,
    maxSpecSize: options.maxSpecSize,
  });
  // Matching, predicting and recording observations load only when there is a spec to use.
  const access = catalog ? await import('../../core/access/index.js') : undefined;
  const operation = catalog
    ? (await import('../../core/catalog/match.js')).matchOperation(
        catalog.operations,
        method,
        new URL(path, 'http://x').pathname,
      )
    : undefined;
  // Raw bytes for a pipe or file go out as they arrive: a lifted cap never holds 1 GB in memory.
  const streams = !options.json && !options.allPages && !process.stdout.isTTY;
  const sendOptions = {
    timeoutMs,
    deadlineMs,
    maxBodyBytes,
    ...(streams && { streamBodyTo: process.stdout }),
    operation: operation ?? null,
    retryOn429: RETRY_ON_429,
    tls: { caFile: options.cacert, insecure: options.insecure },
    proxyFromEnv: true,
    onProgress: (event: ProgressEvent) => reportProgress(event, options.verbose === true),
  };
  const request = withSpecHeaders(
    { method, path, query, headers, body },
    operation,
    options.specHeaders !== false,
    'call',
  );
  const interaction = terminalInteraction();
  const sentAt = new Date();
  let result: CallResult;
  let pagedItems: unknown[] | undefined;
  let incomplete: string[] = [];
  try {
    if (options.allPages) {
      const paged = await executeAllPages(profile, request, tokens, interaction, {
        ...sendOptions,
        onPage: ({ page, totalPages }) => note(`page ${page}${totalPages ? `/${totalPages}` : ''}`),
      });
      result = paged;
      pagedItems = paged.items;
      incomplete = paged.incomplete;
      note(`${plural(paged.items.length, 'item')} in ${plural(paged.pages, 'page')}`);
    } else {
      result = await executeCall(profile, request, tokens, interaction, sendOptions);
    }
  } catch (error) {
    await saveHistory(profile, request, { error, at: sentAt });
    throw error;
  }
  await saveHistory(profile, request, { result, at: sentAt });
  const { response } = result;
  if (result.explanation?.reason === 'no_user_context') {
    const others = await profilesWithUserContext(profile, repository.list(), repository.vault);
    if (others.length > 0) {
      result = {
        ...result,
        explanation: {
          ...result.explanation,
          summary: `${result.explanation.summary}; ${others.join(', ')} has one`,
        },
      };
    }
  }
  response.warnings.forEach((w) => warn(styled('red', w)));

  const prediction =
    catalog && access && operation && result.identity
      ? access.predictAccess(operation, result.identity, {
          preset: profile.preset,
          specs: access.specSecurityOf(catalog.specs),
        })
      : null;
  if (catalog && access) {
    // Observations are a convenience: a failure to record one never stops the call's output.
    await access
      .recordObservedCall(catalog.operations, {
        profile: profile.name,
        method,
        path: new URL(result.url).pathname,
        status: response.status,
      })
      .catch((error: unknown) => reportSideFailure('the observation was not saved', error));
  }

  if (options.json) {
    printJson({
      profile: profile.name,
      method,
      url: response.request.url,
      status: response.status,
      headers: redactHeaders(response.headers),
      timing: response.timing,
      body: pagedItems ?? parseBody(response),
      truncated: response.truncated,
      ...(options.allPages && { incomplete }),
      prediction: prediction && { ...prediction, operationId: operation?.operationId ?? null },
      explanation: result.explanation,
    });
  } else {
    if (options.verbose) printExchange(response, operation, prediction);
    writeBody(pagedItems, response);
  }
  if (result.explanation) {
    const { summary, nextStep } = result.explanation;
    note([styled('red', `${response.status}:`), ' ', summary]);
    note(styled('dim', nextStep));
  }
  // An incomplete body or collection is a failure a script must not mistake for the data.
  const cut = response.truncated && !options.allPages;
  if (cut) warn(styled('red', bodyCutMessage(response.bodyLimitBytes)));
  incomplete.forEach((reason) => warn(styled('red', reason)));
  return response.status < 400 && !cut && incomplete.length === 0 ? 0 : 1;
}

function reportProgress(event: ProgressEvent, verbose: boolean): void {
  if (event.type === 'retry')
    note(`${event.reason}; retrying in ${Math.ceil(event.waitMs / 1000)} s`);
  else if (verbose && event.type === 'sent') note(`> ${event.method} ${event.url}`);
}

/** The response body for a person or a pipe: pretty and sanitized on a terminal, raw otherwise. */
function writeBody(items: unknown[] | undefined, response: ResponseRecord): void {
  if (items) {
    printJson(items, process.stdout.isTTY ? 2 : 0);
    return;
  }
  if (response.streamed) return;
  if (!process.stdout.isTTY) {
    writeRaw(response.body);
    return;
  }
  const parsed = parseBody(response);
  const text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed, null, 2);
  if (text !== '') printLine(text);
}

function parseBody(response: ResponseRecord): unknown {
  const text = response.body.toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `-v`: the redacted request, status, headers and timing, on stderr. */
function printExchange(
  response: ResponseRecord,
  operation: CatalogOperation | undefined,
  prediction: AccessPrediction | null,
): void {
  // The request line (`> GET url`) went out when the request was sent (reportProgress), one per
  // redirect or retry; printing it again here showed the last one twice. Its headers follow it.
  // The reason phrase and headers come from the server; the writer sanitizes every line.
  const lines: Printable[] = [];
  for (const [name, value] of Object.entries(response.request.headers)) {
    lines.push(`> ${name}: ${String(value)}`);
  }
  const statusStyle = response.status < 400 ? 'green' : 'red';
  lines.push(styled(statusStyle, `< ${response.status} ${response.statusText ?? ''}`.trimEnd()));
  for (const [name, value] of Object.entries(redactHeaders(response.headers))) {
    lines.push(`< ${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
  }
  const t = response.timing;
  const phases = [
    t.dnsMs !== undefined ? `dns ${t.dnsMs.toFixed(1)}` : null,
    t.connectMs !== undefined ? `connect ${t.connectMs.toFixed(1)}` : null,
    t.tlsMs !== undefined ? `tls ${t.tlsMs.toFixed(1)}` : null,
    `first byte ${t.firstByteMs.toFixed(1)}`,
    `download ${t.downloadMs.toFixed(1)}`,
    `total ${t.totalMs.toFixed(1)} ms`,
  ].filter(Boolean);
  lines.push(styled('dim', `* ${phases.join(' · ')}; ${formatBytes(response.receivedBytes)}`));
  if (operation && prediction) {
    lines.push(
      styled(
        'dim',
        `* ${operation.operationId ?? operation.id}: predicted ${prediction.verdict} (${prediction.reasons.join('; ')})`,
      ),
    );
  }
  lines.forEach((line) => note(line));
}
