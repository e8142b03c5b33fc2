import { type KeyPress, commandFor } from '../keymap.js';
import {
  type FieldKey,
  type ProfileForm,
  formFields,
  formToProfile,
  mergeEdit,
} from './profile-form.js';
import { editText, textInput } from './text-input.js';
import { type UiState, type ViewInfo, withEffect } from './ui-state.js';

/**
 * Keys in the profile form: Tab/↓ and Shift+Tab/↑ move between fields, ←/→ cycle a choice,
 * typing edits a text field, Enter moves on (and on Save submits), Esc leaves without saving.
 */
export function formKey(
  state: UiState,
  form: ProfileForm,
  input: string,
  key: KeyPress,
  view: ViewInfo,
): UiState {
  const put = (next: ProfileForm) => ({ ...state, overlay: { kind: 'form' as const, form: next } });
  const command = commandFor(['form', 'global'], input, key);
  if (command === 'cancel') return { ...state, overlay: null };
  if (form.busy) return state;
  const fields = formFields(form);
  const index = Math.max(
    0,
    fields.findIndex((field) => field.key === form.focus),
  );
  const field = fields[index];
  const moveTo = (step: number) => {
    const target = fields[(index + step + fields.length) % fields.length];
    return put({ ...form, focus: target?.key ?? form.focus });
  };
  if (command === 'nextField') return moveTo(1);
  if (command === 'prevField') return moveTo(-1);
  if (!field) return state;
  if (command === 'submitField')
    return field.key === 'save' ? submit(state, form, view) : moveTo(1);
  if (field.type === 'choice' && (command === 'nextChoice' || command === 'prevChoice')) {
    const options = field.options ?? [];
    const at = options.indexOf(form.values[field.key].value);
    const step = command === 'prevChoice' ? -1 : 1;
    const value = options[(at + step + options.length) % options.length] ?? '';
    return put(setValue(form, field.key, value));
  }
  if (field.type !== 'text') return state;
  const next = editText(form.values[field.key], input, key);
  if (next === form.values[field.key]) return state;
  return put({ ...form, values: { ...form.values, [field.key]: next }, error: null, hint: null });
}

function setValue(form: ProfileForm, key: FieldKey, value: string): ProfileForm {
  const values = { ...form.values, [key]: textInput(value) };
  // A secret typed for one store must not silently become a variable name or a command.
  if (key === 'storage') values.secret = textInput('');
  return { ...form, values, error: null, hint: null };
}

function submit(state: UiState, form: ProfileForm, view: ViewInfo): UiState {
  const result = formToProfile(form);
  const put = (next: ProfileForm) => ({ ...state, overlay: { kind: 'form' as const, form: next } });
  if ('error' in result) return put({ ...form, error: result.error, hint: null });
  const busy = put({ ...form, busy: true, error: null, hint: null });
  const secret = result.secretValue === undefined ? {} : { secret: result.secretValue };
  if (form.mode === 'add') {
    return withEffect(busy, { type: 'addProfile', profile: result.profile, ...secret });
  }
  const original = view.profiles.find((p) => p.id === form.profileId);
  if (!original || !form.profileId) return put({ ...form, error: 'that profile is gone' });
  return withEffect(busy, {
    type: 'updateProfile',
    id: form.profileId,
    profile: mergeEdit(original.profile, { ...result.profile, name: original.name }),
    ...secret,
  });
}
