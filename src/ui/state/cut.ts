/** Text cut to `width` columns with an ellipsis at the end, so a cut always shows. */
export function cutEnd(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width < 1) return '';
  return `${text.slice(0, width - 1)}…`;
}

/**
 * A path cut to `width` columns in the middle, whole segments kept: the first two (the version
 * and the resource) and as many of the last as fit, since the end is what tells similar paths
 * apart (`/v1.0/users/…/calendar/events`, `/v1.0/users/…/calendars/{calendar-id}/events`).
 * A last segment too long on its own keeps its end (`…eProperties`).
 */
export function cutPath(path: string, width: number): string {
  if (path.length <= width) return path;
  if (width < 1) return '';
  const segments = path.split('/').slice(1);
  const head: string[] = [];
  const tail: string[] = [];
  const joined = () => `${head.map((s) => `/${s}`).join('')}/…${tail.map((s) => `/${s}`).join('')}`;
  // The last segment, then the first two, then back from the end, while the result fits.
  const order = [segments.length - 1, 0, 1];
  for (let i = segments.length - 2; i > 1; i -= 1) order.push(i);
  let first = 0;
  let last = segments.length;
  for (const at of order) {
    if (at < first || at >= last) continue;
    if (at === first) head.push(segments[at]!);
    else tail.unshift(segments[at]!);
    if (joined().length > width) {
      if (at === first) head.pop();
      else tail.shift();
      break;
    }
    if (at === first) first += 1;
    else last = at;
  }
  if (tail.length === 0) return `…${path.slice(path.length - width + 1)}`;
  return joined();
}
