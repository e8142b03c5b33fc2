/*
 * A reader for WWW-Authenticate (RFC 9110 §11.6.1). Written here because the npm parsers tried
 * do not read real servers: http-auth-utils rejects parameters it does not know (Entra's
 * authorization_uri, Okta's resource), and auth-header folds several challenges into one.
 */

/** One challenge: its scheme, lower-cased, and its parameters with lower-cased names. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/**
 * Every challenge in the header values, in order. Never throws: what cannot be read ends the
 * list, and what was read before it is kept.
 */
export function parseWwwAuthenticate(values: string | string[] | undefined): Challenge[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  return list.flatMap((value) => parseOne(value));
}

function parseOne(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = header.trim();
  let current: Challenge | null = null;
  while (rest !== '') {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (name === undefined) break;
    const after = rest.slice(name.length).replace(/^\s+/, '');
    if (current !== null && after.startsWith('=')) {
      const value = readValue(after.slice(1).replace(/^\s+/, ''));
      if (value === null) break;
      current.params[name.toLowerCase()] = value.value;
      rest = value.rest;
      continue;
    }
    // A name not followed by "=" starts the next challenge.
    current = { scheme: name.toLowerCase(), params: {} };
    challenges.push(current);
    rest = after;
  }
  return challenges;
}

function readValue(text: string): { value: string; rest: string } | null {
  if (text.startsWith('"')) {
    let value = '';
    for (let i = 1; i < text.length; i += 1) {
      const char = text[i];
      if (char === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 1;
      } else if (char === '"') {
        return { value, rest: text.slice(i + 1) };
      } else {
        value += char;
      }
    }
    return null;
  }
  const token = TOKEN.exec(text)?.[0];
  return token === undefined ? null : { value: token, rest: text.slice(token.length) };
}
