/**
 * The Specs field holds several paths or URLs. A path may contain spaces (the CLI's `--spec`
 * takes one), so items are separated by commas, and an item holding a comma or a quote is
 * written in double quotes ("a, b.yaml"), with "" for a quote inside.
 */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  /** Where the closing quote of a quoted item stood: what follows it is trimmed like any item. */
  let quotedEnd = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at] as string;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        current += '"';
        at++;
      } else if (char === '"') {
        quoted = false;
        quotedEnd = current.length;
      } else {
        current += char;
      }
    } else if (char === '"' && current.trim() === '' && quotedEnd < 0) {
      quoted = true;
      current = '';
    } else if (char === ',' || char === '\n') {
      push();
    } else {
      current += char;
    }
  }
  push();
  return items;

  function push() {
    // Spaces around an item are the separator's; spaces inside the quotes are the item's.
    const item =
      quotedEnd < 0
        ? current.trim()
        : current.slice(0, quotedEnd) + current.slice(quotedEnd).trimEnd();
    if (item !== '') items.push(item);
    current = '';
    quotedEnd = -1;
  }
}

/** The items as the field shows them: `a.yaml, My Specs/b.yaml`, quoting where splitList needs it. */
export function joinList(items: readonly string[]): string {
  return items
    .map((item) =>
      /[",\n]/.test(item) || item !== item.trim() ? `"${item.replace(/"/g, '""')}"` : item,
    )
    .join(', ');
}
