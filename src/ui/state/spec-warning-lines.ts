import { plural } from '../../core/text/plural.js';
import { wrap } from '../../core/text/wrap.js';
import { cutEnd } from './cut.js';

/**
 * The spec warnings of this load in the Endpoints panel (they are said once, when a spec is
 * parsed, as on the CLI's stderr): the first, wrapped, then how many more there are and the
 * command that lists them all (`specs list` keeps them; a demo profile's specs are in no
 * config, so it gets the count alone). At most `maxLines` lines: the list keeps the panel.
 */
export function specWarningLines(
  warnings: readonly string[],
  width: number,
  listed: boolean,
  maxLines: number,
): string[] {
  const [first] = warnings;
  if (first === undefined || maxLines < 1 || width < 1) return [];
  const more = warnings.length - 1;
  const tail =
    more === 0
      ? []
      : [
          cutEnd(
            listed
              ? `⚠ ${more} more: keyhole specs list`
              : `⚠ ${plural(more, 'more spec warning')}`,
            width,
          ),
        ];
  const room = Math.max(1, maxLines - tail.length);
  const lines = wrap(`⚠ ${first}`, width);
  const shown = lines.slice(0, room);
  if (lines.length > room) shown[room - 1] = cutEnd(`${shown[room - 1] ?? ''} …`, width);
  return [...shown, ...tail].slice(0, maxLines);
}
