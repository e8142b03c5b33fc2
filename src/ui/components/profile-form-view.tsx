import { Box } from 'ink';
import {
  type ProfileForm,
  fieldLabel,
  formFields,
  isMasked,
  tokenUrlPreview,
} from '../state/profile-form.js';
import { COLORS } from '../theme.js';
import { Panel } from './panel.js';
import { TextField } from './text-field.js';
import { Text } from './text.js';

export interface ProfileFormViewProps {
  readonly form: ProfileForm;
  readonly width: number;
  readonly height: number;
}

/** Add or edit a profile. The secret is typed masked and never shown again. */
export function ProfileFormView({ form, width, height }: ProfileFormViewProps) {
  const fields = formFields(form);
  const preview = tokenUrlPreview(form);
  return (
    <Panel
      title={form.mode === 'add' ? 'Add a profile' : 'Edit profile'}
      width={width}
      height={height}
      focused
    >
      {fields.map((field) => {
        const focused = field.key === form.focus;
        if (field.type === 'button') {
          return (
            <Text key={field.key} inverse={focused} bold>
              {form.busy ? ' saving… ' : ' Save '}
            </Text>
          );
        }
        return (
          <Box key={field.key}>
            <Box flexShrink={0}>
              <Text
                color={focused ? COLORS.accent : undefined}
              >{`${focused ? '❯' : ' '} ${fieldLabel(form, field.key).padEnd(21)}`}</Text>
            </Box>
            {field.type === 'choice' ? (
              <Text>{`‹ ${form.values[field.key].value} ›`}</Text>
            ) : (
              <TextField
                input={form.values[field.key]}
                active={focused}
                masked={isMasked(form, field.key)}
                placeholder={field.key === 'tokenUrl' ? preview : placeholderOf(field.key)}
                width={width - 30}
              />
            )}
          </Box>
        );
      })}
      {form.error ? <Text color={COLORS.danger} wrap="wrap">{`✗ ${form.error}`}</Text> : null}
      {form.hint ? (
        <Text dimColor wrap="wrap">
          {form.hint}
        </Text>
      ) : null}
      <Text dimColor>
        Tab/↑↓ move · ←/→ change a choice · Enter next, on Save saves · Esc cancels
      </Text>
    </Panel>
  );
}

function placeholderOf(key: string): string {
  switch (key) {
    case 'host':
      return 'acme → https://acme.api.identitynow.com';
    case 'scopes':
    case 'specs':
    case 'tags':
      return 'space separated';
    default:
      return '';
  }
}
