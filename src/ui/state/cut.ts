/** Text cut to `width` columns with an ellipsis at the end, so a cut always shows. */
export function cutEnd(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width < 1) return '';
  return `${text.slice(0, width - 1)}…`;
}

/**
 * A path cut to `width` columns with an ellipsis in the middle: its start (the API version) and
 * its end (what tells `/v3/identities/{id}` from `/v3/identities/{id}/roles`) both stay.
 */
export function cutPath(path: string, width: number): string {
  if (path.length <= width) return path;
  if (width < 8) return cutEnd(path, width);
  const tail = Math.ceil((width - 1) * 0.6);
  return `${path.slice(0, width - 1 - tail)}…${path.slice(path.length - tail)}`;
}
