const UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/**
 * A span as people say it: the two largest non-zero units ("12m 3s", "2d 4h"). Precision beyond
 * that is noise for a token lifetime. The sign is dropped; callers say "ago" or "in".
 */
export function formatDuration(seconds: number): string {
  let rest = Math.floor(Math.abs(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${unit}`);
    if (parts.length === 2) break;
  }
  // "1h 0m" reads worse than "1h".
  return parts.filter((part, index) => index === 0 || !part.startsWith('0')).join(' ');
}
