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
        const error = form.errorField === field.key ? form.error : null;
        return (
          <Box key={field.key} flexDirection="column">
            <Box>
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
            {error ? (
              <Box paddingLeft={24}>
                <Text color={COLORS.danger} wrap="wrap">{`✗ ${error}`}</Text>
              </Box>
            ) : null}
          </Box>
        );
      })}
      {form.error && (form.errorField === null || form.errorField === 'save') ? (
        <Text color={COLORS.danger} wrap="wrap">{`✗ ${form.error}`}</Text>
      ) : null}
      {form.hint ? (
        <Text dimColor wrap="wrap">
          {form.hint}
        </Text>
      ) : null}
      <Text dimColor>Tab/↑↓ move · Enter: save field, next · ←/→/letter: choice · Esc: cancel</Text>
    </Panel>
  );
}

function placeholderOf(key: string): string {
  switch (key) {
    case 'host':
      return 'acme → https://acme.api.identitynow.com';
    case 'scopes':
    case 'tags':
      return 'space separated';
    case 'specs':
      return 'paths or URLs, comma separated (a path may hold spaces)';
    default:
      return '';
  }
}
