import { keyOf } from '../keymap.js';
import { countdown } from './countdown.js';
import { formatIdentity } from '../../core/identity/index.js';
import { sanitizeForTerminal } from '../../core/http/terminal.js';
import { plural } from '../../core/text/plural.js';
import {
  type ResponseView,
  type SessionProfile,
  type TokenState,
  formatBytes,
} from '../../core/session/index.js';

/** A line of the response's status block and how it is shown. */
export interface StatusLine {
  readonly text: string;
  readonly tone: 'status' | 'muted' | 'danger' | 'plain';
  /** Shown after the text, plain: who sent it and where. */
  readonly rest?: string;
}

/**
 * The lines above a response body: status and who sent it, size and timing phases, and for a
 * failure the explanation and next step, wrapped (not cut) so the reason is read in full.
 */
export function statusLines(view: ResponseView, width: number): StatusLine[] {
  const { timing } = view;
  const ms = (value: number) => `${Math.round(value)} ms`;
  const phases = [
    timing.dnsMs !== undefined ? `dns ${ms(timing.dnsMs)}` : null,
    timing.connectMs !== undefined ? `connect ${ms(timing.connectMs)}` : null,
    timing.tlsMs !== undefined ? `tls ${ms(timing.tlsMs)}` : null,
    `first byte ${ms(timing.firstByteMs)}`,
    `download ${ms(timing.downloadMs)}`,
  ].filter(Boolean);
  const size = view.truncated
    ? `body cut at ${formatBytes(view.bodyLimitBytes)} (the server sent more)`
    : formatBytes(view.receivedBytes);
  const retries = view.retries ? ` · ${plural(view.retries, 'retry', 'retries')}` : '';
  const lines: StatusLine[] = [
    {
      text: `${view.status} ${view.statusText}`.trim(),
      tone: 'status',
      rest: ` as ${view.profile}  ${view.method} ${view.url}`,
    },
    {
      // The keys come from the keymap, so the status line never names a key that means another thing.
      text: `${ms(timing.totalMs)} · ${size}${retries} · ${phases.join(', ')} · ${keyOf('toggleHeaders', 'response')} headers · ${keyOf('saveBody', 'response')} save`,
      tone: 'muted',
    },
  ];
  if (view.explanation) {
    const { summary, nextStep } = view.explanation;
    for (const line of wrapWords(`✗ ${summary}`, width)) lines.push({ text: line, tone: 'danger' });
    for (const line of wrapWords(`→ ${nextStep}`, width)) lines.push({ text: line, tone: 'plain' });
  }
  for (const warning of view.warnings) lines.push({ text: `! ${warning}`, tone: 'danger' });
  return lines.map((line) => ({
    ...line,
    text: sanitizeForTerminal(line.text),
    ...(line.rest ? { rest: sanitizeForTerminal(line.rest) } : {}),
  }));
}

/** Words wrapped to `width`; a word longer than the width is cut into pieces. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.flatMap((piece) => hardWrap(piece, width));
}

/** The response headers (already redacted), then the request headers as sent. */
export function headerLines(view: ResponseView): string[] {
  const lines = (headers: Readonly<Record<string, string | string[]>>) =>
    Object.entries(headers)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`),
      );
  return [
    `response headers (${Object.keys(view.headers).length})`,
    ...lines(view.headers),
    '',
    `request: ${view.method} ${view.url}`,
    ...lines(view.requestHeaders),
    ...(view.warnings.length > 0 ? ['', ...view.warnings.map((w) => `warning: ${w}`)] : []),
  ].map((line) => sanitizeForTerminal(line));
}

/**
 * The full identity card of the current token: the summary keyhole prints for `whoami`, then
 * the token's header and claims as JSON. Never the token itself. Its expiry counts down from
 * `now`, as the header's does; long lines wrap at words under their own value column.
 */
export function tokenCardLines(
  token: TokenState,
  entry: SessionProfile | null,
  width = 76,
  now = Date.now(),
): string[] {
  return cardLines(token, entry, now).flatMap((line) => wrapHanging(line, width));
}

/**
 * A line wrapped at words, its continuation lines indented under where its value starts (after
 * a `Label:   ` or the leading spaces of a JSON line), so a wrapped row still reads as one.
 */
export function wrapHanging(line: string, width: number): string[] {
  if (line.length <= width || width < 1) return [line];
  const lead = (/^[A-Z][\w ()-]*:\s+/.exec(line) ?? /^\s*/.exec(line))?.[0].length ?? 0;
  const indent = lead <= width / 2 ? lead : 0;
  const pad = ' '.repeat(indent);
  const [first = '', ...rest] = wrapWords(line.slice(indent), width - indent);
  return [line.slice(0, indent) + first, ...rest.map((piece) => pad + piece)];
}

/** A long line (a login URL, a claim) cut into pieces that fit, so all of it can be read. */
export function hardWrap(line: string, width: number): string[] {
  if (line.length <= width || width < 1) return [line];
  const pieces: string[] = [];
  for (let at = 0; at < line.length; at += width) pieces.push(line.slice(at, at + width));
  return pieces;
}

function cardLines(token: TokenState, entry: SessionProfile | null, now: number): string[] {
  const summary = token.status === 'ready' ? formatIdentity(token.identity) : [];
  // Line up with formatIdentity's "Label:   value" column.
  const width = /^\S+:\s+/.exec(summary[0] ?? '')?.[0].length ?? 13;
  const row = (label: string, value: string) => `${`${label}:`.padEnd(width)}${value}`;
  const expiresAt = token.status === 'ready' ? token.identity.expiresAt : null;
  const at = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  // formatIdentity's expiry was true when the token was read; this one follows the clock.
  const card = summary.map((line) =>
    line.startsWith('Expires:') && Number.isFinite(at)
      ? row('Expires', `${countdown(at, now).phrase} (${expiresAt})`)
      : line,
  );
  const profile = entry?.profile;
  const switches =
    entry && entry.grants.length > 1
      ? ` (${keyOf('grant')} switches: ${entry.grants.join(', ')})`
      : '';
  const grant = profile ? [row('Grant', `${profile.grant}${switches}`)] : [];
  switch (token.status) {
    case 'none':
      return [...grant, token.message ?? 'no token yet: press r to get one'];
    case 'loading':
      return [
        ...grant,
        token.loginUrl
          ? 'waiting for the login in the browser; if none opened, visit:'
          : 'getting a token…',
        ...(token.loginUrl ? [token.loginUrl, '', 'Esc cancels the login.'] : []),
        ...(token.devicePrompt
          ? [
              `visit ${token.devicePrompt.verificationUri} and enter the code ${token.devicePrompt.userCode}`,
            ]
          : []),
      ];
    case 'error':
      return [
        ...grant,
        `no token: ${token.message}`,
        ...(token.hint ? [token.hint] : []),
        '',
        'r tries again.',
      ];
    case 'ready': {
      const { identity } = token;
      const json = (value: unknown) => JSON.stringify(value, null, 2).split('\n');
      return [
        ...card,
        ...grant,
        row(
          'Got',
          `${token.origin === 'cache' ? 'from the cache' : token.origin} at ${new Date(token.obtainedAt).toISOString()}`,
        ),
        row('Sent as', `Authorization: ${token.authorization}`),
        '',
        'Header:',
        ...json(identity.header),
        '',
        'Claims:',
        ...json(identity.claims),
        ...(Object.keys(token.response).length > 0
          ? ['', 'Token response (without the tokens):', ...json(token.response)]
          : []),
      ].map((line) => sanitizeForTerminal(line));
    }
  }
}
