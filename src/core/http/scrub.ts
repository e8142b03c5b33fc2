/*
 * Redaction by value. Names alone miss a server that echoes the token in X-Debug or in a JSON
 * body, so every value keyhole knows to be secret (the token it sent, the user's own credential
 * headers, secret-named parameters of the request, the client secret) is cut out of whatever is
 * shown or stored, and so are long fragments of those values: a cut body or a server that quotes
 * "the first 40 characters of your token" must not leave most of one behind.
 */
import { mayHoldSecret, mayHoldSecretInTurns } from './scrub-prefilter.js';

/** What a scrubbed value is replaced by. */
export const REDACTED = '(redacted)';

/**
 * Known values shorter than this are not searched for by value: `abc1` would hit unrelated text
 * (and in a response body, change it). They are still redacted by name wherever they are named.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * A run of at least this many characters of a known secret is treated as a leak: 12 characters
 * of a random token are 60 to 72 bits, too much to hand out and far longer than the 8-character
 * prefix the live views show on purpose to tell two tokens apart.
 */
export const MIN_FRAGMENT_LENGTH = 12;

/**
 * 1 for a character a token is made of (base64, base64url, hex), 2 for a dot; by char code. One
 * entry for every UTF-16 code unit (64 KiB): a lookup past a typed array's end is a slow path,
 * and made the scan twice as slow.
 */
const TOKEN_CHARS = new Uint8Array(65536);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~+/-') {
  TOKEN_CHARS[char.charCodeAt(0)] = 1;
}
TOKEN_CHARS['.'.charCodeAt(0)] = 2;

/** The text with known secrets cut out, and how many places were cut. */
export interface Scrubbed {
  readonly text: string;
  readonly count: number;
}

/** Known secrets ready to be searched for: the usable ones, longest first. Make once, use often. */
export interface SecretList {
  /** At least MIN_SECRET_LENGTH long, without repeats, longest first. */
  readonly known: readonly string[];
  /** Those of `known` long enough to have fragments (MIN_FRAGMENT_LENGTH). */
  readonly long: readonly string[];
}

const NO_SECRETS: SecretList = { known: [], long: [] };

/** The secrets prepared for scrubSecrets and scrubBuffer, so many texts share the work. */
export function secretList(secrets: readonly string[] | SecretList): SecretList {
  if (!Array.isArray(secrets)) return secrets as SecretList;
  const list = secrets as readonly string[];
  if (list.length === 0) return NO_SECRETS;
  // Usually there is exactly one (the token): no Set for it.
  const known =
    list.length === 1
      ? list.filter((s) => s.length >= MIN_SECRET_LENGTH)
      : [...new Set(list)].filter((s) => s.length >= MIN_SECRET_LENGTH);
  known.sort((a, b) => b.length - a.length);
  return { known, long: known.filter((s) => s.length >= MIN_FRAGMENT_LENGTH) };
}

/**
 * Cuts every known secret out of `text`, then every fragment of one: a run of token characters
 * of at least MIN_FRAGMENT_LENGTH that lies inside a secret, that ends the secret (its last
 * characters), or that starts it and stops where the text's run stops (a cut-off copy). A
 * different token that merely shares a JWT header with a secret is left alone.
 */
export function scrubSecrets(text: string, secrets: readonly string[] | SecretList): Scrubbed {
  const { known, long } = secretList(secrets);
  if (known.length === 0 || text === '') return { text, count: 0 };
  let count = 0;
  let out = text;
  for (const secret of known) {
    if (!out.includes(secret)) continue;
    const parts = out.split(secret);
    count += parts.length - 1;
    out = parts.join(REDACTED);
  }
  if (long.length === 0) return { text: out, count };
  const fragments = scrubFragments(out, long);
  return { text: fragments.text, count: count + fragments.count };
}

/**
 * Runs scrubWord on every word of `text` at least MIN_FRAGMENT_LENGTH long: a run of token
 * characters, with dots only inside (as in a JWT). A loop over char codes, not a regex with a
 * callback: no string is made for the many short words of a body, which keeps a small response
 * at a few microseconds and a 45 MB body well under a second.
 */
function scrubFragments(text: string, long: readonly string[]): Scrubbed {
  let count = 0;
  let pieces: string[] | null = null;
  let copied = 0;
  let at = 0;
  while (at < text.length) {
    if (TOKEN_CHARS[text.charCodeAt(at)] !== 1) {
      at += 1;
      continue;
    }
    const start = at;
    let end = at;
    // Dots belong to the word only when a token character follows them.
    for (; at < text.length; at += 1) {
      const kind = TOKEN_CHARS[text.charCodeAt(at)];
      if (kind === 1) end = at + 1;
      else if (kind !== 2) break;
    }
    if (end - start < MIN_FRAGMENT_LENGTH) continue;
    const word = text.slice(start, end);
    const cleaned = scrubWord(word, long);
    if (cleaned === word) continue;
    count += 1;
    pieces ??= [];
    pieces.push(text.slice(copied, start), cleaned);
    copied = end;
  }
  if (pieces === null) return { text, count };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), count };
}

function scrubWord(word: string, secrets: readonly string[]): string {
  if (secrets.some((secret) => secret.includes(word))) return REDACTED;
  let out = word;
  for (const secret of secrets) {
    const tail = secret.slice(-MIN_FRAGMENT_LENGTH);
    let at = out.indexOf(tail);
    while (at >= 0) {
      // Walk back from the secret's last characters while the word still matches it.
      let start = at;
      let inSecret = secret.length - MIN_FRAGMENT_LENGTH;
      while (start > 0 && inSecret > 0 && out[start - 1] === secret[inSecret - 1]) {
        start -= 1;
        inSecret -= 1;
      }
      out = out.slice(0, start) + REDACTED + out.slice(at + MIN_FRAGMENT_LENGTH);
      at = out.indexOf(tail, start + REDACTED.length);
    }
    const head = secret.slice(0, MIN_FRAGMENT_LENGTH);
    const headAt = out.lastIndexOf(head);
    if (headAt >= 0 && secret.startsWith(out.slice(headAt))) {
      out = out.slice(0, headAt) + REDACTED;
    }
  }
  return out;
}

/**
 * Like scrubSecrets, byte for byte on a Buffer (a body may be binary, or not UTF-8): matching
 * runs on the latin1 view, where every byte is one character, against each secret's UTF-8 bytes.
 * The same Buffer comes back when nothing was found.
 */
export function scrubBuffer(
  body: Buffer,
  secrets: readonly string[] | SecretList,
): { body: Buffer; count: number } {
  const { known } = secretList(secrets);
  if (known.length === 0 || body.length === 0) return { body, count: 0 };
  if (
    body.length >= PREFILTER_FROM_BYTES &&
    !mayHoldSecret(body, utf8Of(known), MIN_FRAGMENT_LENGTH)
  ) {
    return { body, count: 0 };
  }
  return scrubBytes(body, known);
}

/**
 * Below this many bytes the scan itself is about as quick as the prefilter's proof, and the
 * prefilter would copy every secret for each response (the hot path of every call).
 */
const PREFILTER_FROM_BYTES = 64 * 1024;

function utf8Of(secrets: readonly string[]): Buffer[] {
  return secrets.map((s) => Buffer.from(s, 'utf8'));
}

/** scrubSecrets on the latin1 view of `body`, where every byte is one character. */
function scrubBytes(body: Buffer, secrets: readonly string[]): { body: Buffer; count: number } {
  // An ASCII secret (every token) is its own latin1 view: no copy of it for each response.
  const bytes = secrets.map((s) =>
    Buffer.byteLength(s, 'utf8') === s.length ? s : Buffer.from(s, 'utf8').toString('latin1'),
  );
  const { text, count } = scrubSecrets(body.toString('latin1'), bytes);
  return count === 0 ? { body, count } : { body: Buffer.from(text, 'latin1'), count };
}

/** Bytes of a body scrubbed in one turn of the event loop by scrubBufferInTurns (~7 ms here). */
export const SCRUB_SLICE_BYTES = 2 * 1024 * 1024;

/**
 * scrubBuffer for a big body, its search for secrets spread over turns of the event loop (a slice
 * of SCRUB_SLICE_BYTES each), so a 50 MB response never holds up the TUI's repaints and keys.
 * The same result as scrubBuffer.
 */
export async function scrubBufferInTurns(
  body: Buffer,
  secrets: readonly string[] | SecretList,
): Promise<{ body: Buffer; count: number }> {
  const { known } = secretList(secrets);
  if (known.length === 0 || body.length === 0) return { body, count: 0 };
  if (!(await mayHoldSecretInTurns(body, utf8Of(known), MIN_FRAGMENT_LENGTH, SCRUB_SLICE_BYTES))) {
    return { body, count: 0 };
  }
  return scrubBytes(body, known);
}
