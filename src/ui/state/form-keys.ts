import { type KeyPress, commandFor, isText } from '../keymap.js';
import {
  type FieldKey,
  type FieldSpec,
  type ProfileForm,
  fieldLabel,
  formFields,
  formIssues,
  formToProfile,
  mergeEdit,
} from './profile-form.js';
import { editText, textInput } from './text-input.js';
import { type UiState, type ViewInfo, withEffect } from './ui-state.js';

/**
 * Keys in the profile form, the same model as the request panel's fields: Tab/↓ and
 * Shift+Tab/↑ move between fields; typing edits a text field; Enter saves the field (checked at
 * once, a problem shown beside it) and moves on, and on Save saves the profile; a choice changes
 * with ←/→/Space or the first letter of an option; Esc leaves without saving.
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
  const moveTo = (step: number, from: ProfileForm = form) => {
    const target = fields[(index + step + fields.length) % fields.length];
    return put({ ...from, focus: target?.key ?? from.focus });
  };
  if (command === 'nextField') return moveTo(1);
  if (command === 'prevField') return moveTo(-1);
  if (!field) return state;
  if (command === 'submitField') {
    if (field.key === 'save') return submit(state, form, view);
    const issue = formIssues(form, takenNames(view)).find((i) => i.field === field.key);
    if (issue) return put({ ...form, error: issue.message, errorField: field.key, hint: null });
    return moveTo(1, cleared(form));
  }
  if (field.type === 'choice') return put(choiceKey(form, field, command, input, key));
  if (field.type === 'button') {
    if (!isText(input, key)) return state;
    return put({ ...form, error: 'Enter saves; ↑ goes back to the fields', errorField: 'save' });
  }
  const next = editText(form.values[field.key], input, key);
  if (next === form.values[field.key]) return state;
  return put({ ...cleared(form), values: { ...form.values, [field.key]: next } });
}

/** A key on a choice: ←/→/Space step through the options, a letter picks the next one it starts. */
function choiceKey(
  form: ProfileForm,
  field: FieldSpec,
  command: string | null,
  input: string,
  key: KeyPress,
): ProfileForm {
  const options = field.options ?? [];
  const at = options.indexOf(form.values[field.key].value);
  if (command === 'nextChoice' || command === 'prevChoice') {
    const step = command === 'prevChoice' ? -1 : 1;
    return setValue(form, field.key, options[(at + step + options.length) % options.length] ?? '');
  }
  if (!isText(input, key)) return form;
  const letter = input.toLowerCase();
  for (let step = 1; step <= options.length; step++) {
    const option = options[(at + step) % options.length] ?? '';
    if (option.toLowerCase().startsWith(letter)) return setValue(form, field.key, option);
  }
  // Never swallowed: say how this field changes.
  return {
    ...form,
    error: `${fieldLabel(form, field.key)} is a choice (${options.join(', ')}): ←/→, Space or a first letter`,
    errorField: field.key,
    hint: null,
  };
}

function cleared(form: ProfileForm): ProfileForm {
  return { ...form, error: null, errorField: null, hint: null };
}

function setValue(form: ProfileForm, key: FieldKey, value: string): ProfileForm {
  const values = { ...form.values, [key]: textInput(value) };
  // A secret typed for one store must not silently become a variable name or a command.
  if (key === 'storage') values.secret = textInput('');
  return { ...cleared(form), values };
}

/** Names a new profile may not take: every profile in the list, saved or demo. */
function takenNames(view: ViewInfo): string[] {
  return view.profiles.map((p) => p.name);
}

function submit(state: UiState, form: ProfileForm, view: ViewInfo): UiState {
  const result = formToProfile(form, takenNames(view));
  const put = (next: ProfileForm) => ({ ...state, overlay: { kind: 'form' as const, form: next } });
  if ('error' in result) {
    // The form stays as typed, the secret included; the cursor goes to the field to fix.
    return put({
      ...form,
      focus: result.field,
      error: result.error,
      errorField: result.field,
      hint: null,
    });
  }
  const busy = put({ ...cleared(form), busy: true });
  const secret = result.secretValue === undefined ? {} : { secret: result.secretValue };
  if (form.mode === 'add') {
    return withEffect(busy, { type: 'addProfile', profile: result.profile, ...secret });
  }
  const original = view.profiles.find((p) => p.id === form.profileId);
  if (!original || !form.profileId) {
    return put({ ...form, error: 'that profile is gone', errorField: null });
  }
  return withEffect(busy, {
    type: 'updateProfile',
    id: form.profileId,
    profile: mergeEdit(original.profile, { ...result.profile, name: original.name }),
    ...secret,
  });
}
