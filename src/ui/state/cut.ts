/** Text cut to `width` columns with an ellipsis at the end, so a cut always shows. */
export function cutEnd(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width < 1) return '';
  return `${text.slice(0, width - 1)}…`;
}
