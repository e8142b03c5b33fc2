import { Box } from 'ink';
import type { SessionProfile } from '../../core/session/index.js';
import { plural } from '../../core/text/plural.js';
import type { Overlay } from '../state/ui-state.js';
import { COLORS } from '../theme.js';
import { Panel } from './panel.js';
import { SelectList } from './select-list.js';
import { TextField } from './text-field.js';
import { Text } from './text.js';

interface Frame {
  readonly width: number;
  readonly height: number;
}

/** The grant picker: the profile's grants, the current one marked; Enter switches. */
export function GrantPicker({
  current,
  cursor,
  width,
  height,
}: Frame & { readonly current: SessionProfile | null; readonly cursor: number }) {
  const items = (current?.grants ?? []).map((grant) => ({
    key: grant,
    label: `${grant}${grant === current?.profile.grant ? '  (current)' : ''}`,
  }));
  return (
    <Panel title={`Grant of ${current?.profile.name ?? ''}`} width={width} height={height} focused>
      <SelectList items={items} selected={cursor} focused height={items.length} />
      <Text> </Text>
      <Text dimColor>
        ↑/↓ move · Enter switches and gets a new token (a login grant opens the browser) · Esc
        closes
      </Text>
    </Panel>
  );
}

const PROMPTS = {
  rename: 'New name for the profile:',
  saveBody: 'Save the raw response body to (a new file, 0600):',
  findInBody: 'Find in the body (case-insensitive; n next, N previous):',
  importCurl:
    "Paste a curl command (its URL must be under the profile's base URL; credentials are dropped):",
} as const;

/** Yes/no questions and one-line prompts. */
export function Dialog({ overlay, width, height }: Frame & { readonly overlay: Overlay }) {
  switch (overlay.kind) {
    case 'confirmSend':
      return (
        <Panel title="Production" width={width} height={height} focused>
          <Text
            color={COLORS.danger}
            bold
          >{`Send ${overlay.method} with the production profile ${overlay.profile}?`}</Text>
          <Text wrap="wrap">{`${overlay.method} ${overlay.url}`}</Text>
          <Text>y sends · any other key cancels</Text>
        </Panel>
      );
    case 'confirmInvalidJson':
      return (
        <Panel title="Body" width={width} height={height} focused>
          <Text color={COLORS.danger} bold wrap="wrap">{`The body is ${overlay.problem}.`}</Text>
          <Text>y sends it anyway · any other key goes back (e edits the body)</Text>
        </Panel>
      );
    case 'confirmCompare':
      return (
        <Panel title="Compare" width={width} height={height} focused>
          <Text color={COLORS.danger} bold>
            {`${overlay.method} may change data: compare sends ${plural(overlay.ids.length, 'request')}, one per profile.`}
          </Text>
          <Text>y sends them · any other key cancels</Text>
        </Panel>
      );
    case 'demoNotSaved':
      return (
        <DemoNotSaved name={overlay.name} commands={overlay.commands} frame={{ width, height }} />
      );
    case 'confirmDelete':
      return (
        <Panel title="Delete profile" width={width} height={height} focused>
          <Text wrap="wrap">{`Delete ${overlay.name}? This removes ${overlay.removes}.`}</Text>
          {overlay.keeps ? <Text wrap="wrap">{overlay.keeps}</Text> : null}
          <Text>y deletes · any other key keeps it</Text>
        </Panel>
      );
    case 'confirmInsecure':
      return (
        <Panel title="No keychain" width={width} height={height} focused>
          <Text color={COLORS.danger} wrap="wrap">
            {overlay.message}
          </Text>
          <Text wrap="wrap">
            Store the secret in a plaintext file instead (secrets.json, mode 0600, always shown as
            "plaintext")?
          </Text>
          <Text>y stores it there · any other key goes back</Text>
        </Panel>
      );
    case 'prompt':
      return (
        <Panel title="keyhole" width={width} height={height} focused>
          <Text>{PROMPTS[overlay.purpose]}</Text>
          <Box>
            <Text color={COLORS.accent}>› </Text>
            <TextField input={overlay.input} active width={width - 8} />
          </Box>
          {overlay.error ? <Text color={COLORS.danger}>{overlay.error}</Text> : null}
          <Text dimColor>Enter confirms · Esc cancels</Text>
        </Panel>
      );
    default:
      return null;
  }
}

/**
 * Why S saves nothing: the demo tenant lives in this process on a random port, so a saved copy
 * would point at nothing next run (and sit beside the demo's own profile of that name). Instead,
 * the commands that make a profile which does work next time.
 */
function DemoNotSaved({
  name,
  commands,
  frame,
}: {
  readonly name: string;
  readonly commands: readonly string[];
  readonly frame: Frame;
}) {
  return (
    <Panel title="Demo profiles are not saved" width={frame.width} height={frame.height} focused>
      <Text wrap="wrap">
        {`${name} belongs to the demo tenant, which runs inside this keyhole on a random port and stops when you quit: a saved copy would point at nothing next time.`}
      </Text>
      <Text> </Text>
      <Text wrap="wrap">
        {
          'To keep one, run the demo tenant on a port of your own (it prints the client secrets) and add a profile for it; keyhole asks for the secret:'
        }
      </Text>
      {commands.map((line) => (
        <Text key={line} color={COLORS.accent} wrap="truncate">{`  ${line}`}</Text>
      ))}
      <Text> </Text>
      <Text wrap="wrap">For your own API, press a to add a profile.</Text>
      <Text>any key closes</Text>
    </Panel>
  );
}
