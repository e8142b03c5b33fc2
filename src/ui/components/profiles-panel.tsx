import type { SessionSnapshot } from '../../core/session/index.js';
import { Panel } from './panel.js';
import { sanitizeForTerminal } from '../../core/http/terminal.js';
import { cutEnd } from '../state/cut.js';
import { SelectList, listStart } from './select-list.js';
import { Text } from './text.js';

export interface ProfilesPanelProps {
  readonly session: SessionSnapshot;
  /** The profile under the cursor; null: the current one. */
  readonly highlighted: string | null;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

const KIND: Record<string, string> = { 'api-key': 'API key', pat: 'PAT', user: 'user', other: '' };

/** The profiles: ↑/↓ (j/k) move, Enter uses one (● marks it). The request stays as it is. */
export function ProfilesPanel({
  session,
  highlighted,
  width,
  height,
  focused,
}: ProfilesPanelProps) {
  const room = width - 6;
  const rows = session.profiles.map((entry) => {
    const current = entry.id === session.current?.id;
    const twin = session.profiles.some(
      (other) => other.id !== entry.id && other.profile.name === entry.profile.name,
    );
    const tags = [
      KIND[entry.profile.kind],
      entry.profile.tags.includes('production') ? 'PROD' : '',
      twin && entry.origin === 'saved' ? 'saved' : '',
    ].filter(Boolean);
    return {
      key: entry.id,
      name: `${current ? '●' : ' '} ${sanitizeForTerminal(entry.profile.name)}`,
      tags,
    };
  });
  // The kind column starts at the same place on every row; a name too long for its column is
  // cut with an ellipsis rather than pushing the column out of line.
  const tagWidth = Math.min(
    Math.floor(room / 2),
    Math.max(0, ...rows.map((row) => row.tags.join(' ').length)),
  );
  const nameWidth = room - (tagWidth > 0 ? tagWidth + 1 : 0);
  const items = rows.map((row) => ({
    key: row.key,
    label:
      tagWidth > 0
        ? `${cutEnd(row.name, nameWidth).padEnd(nameWidth)} ${cutEnd(row.tags.join(' '), tagWidth)}`
        : cutEnd(row.name, room),
  }));
  const cursorId = highlighted ?? session.current?.id;
  const selected = Math.max(
    0,
    items.findIndex((item) => item.key === cursorId),
  );
  const shown = Math.max(1, height - 2);
  const below = Math.max(0, items.length - listStart(selected, shown, items.length) - shown);
  return (
    <Panel
      title="Profiles"
      note={`${items.length}`}
      below={below}
      width={width}
      height={height}
      focused={focused}
    >
      {items.length === 0 ? (
        <Text dimColor>none yet: press a to add one</Text>
      ) : (
        <SelectList items={items} selected={selected} focused={focused} height={shown} />
      )}
    </Panel>
  );
}
