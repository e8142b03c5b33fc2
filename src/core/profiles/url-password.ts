/*
 * A password in a URL's user-info (`https://user:pw@host`) is a secret in the wrong place: it
 * would sit in config.json and in every view of the profile. keyhole never sends it (requests
 * carry the profile's token), so new profiles may not have one and old ones show it hidden.
 */

// The password runs to the authority's LAST `@`, as URL parsers split it (`u:p@ss@host`), and
// leading spaces, which parsers ignore, do not hide it.
const USERINFO_PASSWORD = /^(\s*[a-z][a-z\d+.-]*:\/\/[^/?#@:]*):[^/?#]*@/i;

/** Whether the text is a URL whose user-info holds a password. */
export function hasUrlPassword(text: string): boolean {
  if (USERINFO_PASSWORD.test(text)) return true;
  return URL.canParse(text) && new URL(text).password !== '';
}

/** `https://u:pw@host/x` → `https://u:(redacted)@host/x`; anything else unchanged. */
export function hideUrlPassword(text: string): string {
  return text.replace(USERINFO_PASSWORD, '$1:(redacted)@');
}

/** `https://u:pw@host/x` → `https://host/x`: no part of the user-info is kept. */
export function withoutUserInfo(text: string): string {
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  if (url.username === '' && url.password === '') return text;
  url.username = '';
  url.password = '';
  return url.href;
}
