import type { SessionProfile, TokenState } from '../../core/session/index.js';
import { Panel } from './panel.js';
import { ScrollLines, hiddenBelow, windowNote } from './scroll-lines.js';

export interface TokenPanelProps {
  readonly token: TokenState;
  readonly current: SessionProfile | null;
  readonly lines: readonly string[];
  readonly offset: number;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

/** The token's full identity card; t goes back to the response. */
export function TokenPanel({ current, lines, offset, width, height, focused }: TokenPanelProps) {
  const page = Math.max(1, height - 2);
  return (
    <Panel
      title={`Token${current ? ` of ${current.profile.name}` : ''}`}
      note={windowNote(offset, page, lines.length)}
      below={hiddenBelow(offset, page, lines.length)}
      width={width}
      height={height}
      focused={focused}
    >
      <ScrollLines
        lineAt={(index) => (lines[index] ?? '').slice(0, width - 4)}
        count={lines.length}
        offset={offset}
        height={page}
      />
    </Panel>
  );
}
