/** The shortest run of a secret's characters that counts as a leak in these tests. */
export const FRAGMENT = 12;

/**
 * Where `text` holds a secret or any run of FRAGMENT characters of one, as `label: …fragment…`.
 * Checks every window of every secret, so it finds partial copies that keyhole's own scrubber
 * would have to be written to look for.
 */
export function leaksIn(label: string, text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (let at = 0; at + FRAGMENT <= secret.length; at += 1) {
      const window = secret.slice(at, at + FRAGMENT);
      if (text.includes(window)) {
        found.push(`${label}: …${window}…`);
        break;
      }
    }
  }
  return found;
}
