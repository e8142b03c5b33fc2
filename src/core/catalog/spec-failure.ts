import { STATUS_CODES } from 'node:http';
import { KeyholeError } from '../errors.js';
import { explainFailure } from '../explain/explain.js';
import { explainNetworkError } from '../http/errors.js';
import { redactUrl } from '../http/redact.js';

/*
 * A spec download fails for the same reasons a call does, so it is explained by the same code:
 * the engine's words for a network failure (explainNetworkError), the explainer's for a 429 or a
 * 5xx (explainFailure). Each message says what failed (the spec and its URL), why, and what to
 * do; a file is always the way out, so every hint ends with it.
 */

const OR_A_FILE = 'Or save the spec to a file and give its path.';

/** The download did not get an answer (refused, unknown host, TLS, reset): why, as for a call. */
export function specNetworkFailure(url: string, error: unknown): KeyholeError {
  const why = explainNetworkError(error, new URL(url));
  return new KeyholeError(`cannot download the spec ${redactUrl(url)}: ${why.message}`, {
    hint: joinHints(why.hint, OR_A_FILE),
    cause: error,
  });
}

/** The download broke off after `received` (already formatted): why, as for a call. */
export function specBrokeOff(url: string, received: string, error: unknown): KeyholeError {
  const why = explainNetworkError(error, new URL(url));
  return new KeyholeError(
    `the download of the spec ${redactUrl(url)} broke off after ${received}: ${why.message}`,
    { hint: joinHints('Run the command again.', OR_A_FILE), cause: error },
  );
}

/** The server answered, but not with the spec. */
export function specStatusFailure(
  url: string,
  status: number,
  headers: Record<string, string | string[]>,
): KeyholeError {
  const shown = redactUrl(url);
  const answered = `the server answered ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (status === 401 || status === 403) {
    return new KeyholeError(`cannot download the spec ${shown}: ${answered}`, {
      hint: joinHints(
        'keyhole downloads specs without credentials, and this server wants some.',
        `Download it yourself (a browser, or curl with the token: keyhole token PROFILE --header | curl -H @- ${shown} -o spec.json).`,
        "Then give the file's path.",
      ),
    });
  }
  const explained = explainFailure({ status, headers, bodyText: '', identity: null });
  if (explained) {
    return new KeyholeError(`cannot download the spec ${shown}: ${explained.summary}`, {
      hint: joinHints(explained.nextStep, OR_A_FILE),
    });
  }
  return new KeyholeError(`cannot download the spec ${shown}: ${answered}`, {
    hint: joinHints(
      status === 404 || status === 410
        ? 'There is no spec at this URL: check it (a typo, an old version, a moved file).'
        : 'Check the URL.',
      OR_A_FILE,
    ),
  });
}

function joinHints(...parts: Array<string | undefined>): string {
  return parts.filter((part) => part !== undefined && part !== '').join(' ');
}
