import { PREDICTION_DISCLAIMER } from '../../core/access/index.js';
import { KEYMAP, SCOPE_TITLES, type Scope } from '../keymap.js';
import { Panel } from './panel.js';
import { ScrollLines, hiddenBelow, windowNote } from './scroll-lines.js';
import { wrap } from '../../core/text/wrap.js';
import { Text } from './text.js';

/** Every line of the help: the keymap by scope, then what the ✓ ✗ ? marks mean. */
export function helpLines(width: number): string[] {
  const lines: string[] = [];
  const scopes = [...new Set(KEYMAP.map((binding) => binding.scope))] as Scope[];
  for (const scope of scopes) {
    lines.push(`${SCOPE_TITLES[scope]}:`);
    for (const binding of KEYMAP.filter((b) => b.scope === scope)) {
      // Wrapped, not cut: a continuation line starts under the description.
      const [first = '', ...rest] = wrap(binding.help, Math.max(10, width - 17));
      lines.push(`  ${binding.keys.join(' ').padEnd(14)} ${first}`);
      for (const more of rest) lines.push(`${' '.repeat(17)}${more}`);
    }
    lines.push('');
  }
  lines.push('Endpoint marks: ✓ allowed  ✗ denied  ? unknown (for the current token)');
  lines.push('  ● marked for the scopes plan (Space marks, L shows the plan)');
  lines.push(...wrap(PREDICTION_DISCLAIMER, width));
  return lines;
}

export interface HelpOverlayProps {
  readonly offset: number;
  readonly width: number;
  readonly height: number;
}

export function HelpOverlay({ offset, width, height }: HelpOverlayProps) {
  const lines = helpLines(width - 4);
  const page = Math.max(1, height - 3);
  return (
    <Panel
      title="Keys"
      note={windowNote(offset, page, lines.length)}
      below={hiddenBelow(offset, page, lines.length)}
      width={width}
      height={height}
      focused
    >
      <ScrollLines
        lineAt={(index) => lines[index] ?? ''}
        count={lines.length}
        offset={offset}
        height={page}
      />
      <Text dimColor>j/k scroll · Esc or ? closes</Text>
    </Panel>
  );
}
