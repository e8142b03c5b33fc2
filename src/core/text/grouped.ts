/**
 * A whole number with its thousands grouped, `1,329,537`, as `toLocaleString('en-US')` writes it.
 * Without Intl: its first use loads ICU's number data, ~17 ms here, which fell in the frame that
 * first shows a big body ("lines 1-19 of 1,329,537").
 */
export function groupedNumber(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) {
    grouped += `,${digits.slice(at, at + 3)}`;
  }
  return value < 0 ? `-${grouped}` : grouped;
}
