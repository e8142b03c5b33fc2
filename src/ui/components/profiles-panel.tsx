import type { SessionSnapshot } from '../../core/session/index.js';
import { Panel } from './panel.js';
import { SelectList } from './select-list.js';
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
  const items = session.profiles.map((entry) => {
    const current = entry.id === session.current?.id;
    const twin = session.profiles.some(
      (other) => other.id !== entry.id && other.profile.name === entry.profile.name,
    );
    const tags = [
      KIND[entry.profile.kind],
      entry.profile.tags.includes('production') ? 'PROD' : '',
      twin && entry.origin === 'saved' ? 'saved' : '',
    ].filter(Boolean);
    const name = `${current ? '●' : ' '} ${entry.profile.name}`;
    const label = `${name.padEnd(Math.max(name.length + 1, room - 12))}${tags.join(' ')}`;
    return { key: entry.id, label: label.slice(0, room) };
  });
  const cursorId = highlighted ?? session.current?.id;
  const selected = Math.max(
    0,
    items.findIndex((item) => item.key === cursorId),
  );
  return (
    <Panel
      title="Profiles"
      note={`${items.length}`}
      width={width}
      height={height}
      focused={focused}
    >
      {items.length === 0 ? (
        <Text dimColor>none yet: press a to add one</Text>
      ) : (
        <SelectList items={items} selected={selected} focused={focused} height={height - 2} />
      )}
    </Panel>
  );
}
