import {
  effectiveTokenUrl,
  normalizeBaseUrl,
  sailpointBaseUrl,
  sailpointTenant,
} from '../../core/profiles/defaults.js';
import {
  PROFILE_NAME_PATTERN,
  type Profile,
  type SecretSource,
  profileSchema,
} from '../../core/profiles/schema.js';
import { GRANTS, KINDS, PRESETS } from '../../core/profiles/vocabulary.js';
import { joinList, splitList } from './list-field.js';
import { type TextInput, textInput } from './text-input.js';

export const STORAGES = ['keyring', 'file', 'env', 'cmd', 'none'] as const;
export type Storage = (typeof STORAGES)[number];

export type FieldKey =
  | 'name'
  | 'preset'
  | 'host'
  | 'tokenUrl'
  | 'clientId'
  | 'storage'
  | 'secret'
  | 'kind'
  | 'grant'
  | 'scopes'
  | 'specs'
  | 'tags'
  | 'save';

/** A field of the form: typed text, a choice cycled with ←/→, or the Save button. */
export interface FieldSpec {
  readonly key: FieldKey;
  readonly type: 'text' | 'choice' | 'button';
  readonly options?: readonly string[];
}

/** The add/edit profile form. Text fields hold what was typed; choices hold an option. */
export interface ProfileForm {
  readonly mode: 'add' | 'edit';
  /** The profile being edited. */
  readonly profileId: string | null;
  readonly values: Readonly<Record<FieldKey, TextInput>>;
  readonly focus: FieldKey;
  readonly error: string | null;
  /** The field the error is about (shown beside it); null: about the whole form. */
  readonly errorField: FieldKey | null;
  readonly hint: string | null;
  readonly busy: boolean;
}

const FIELDS: readonly FieldSpec[] = [
  { key: 'name', type: 'text' },
  { key: 'preset', type: 'choice', options: PRESETS },
  { key: 'host', type: 'text' },
  { key: 'tokenUrl', type: 'text' },
  { key: 'clientId', type: 'text' },
  { key: 'storage', type: 'choice', options: STORAGES },
  { key: 'secret', type: 'text' },
  { key: 'kind', type: 'choice', options: KINDS },
  { key: 'grant', type: 'choice', options: GRANTS },
  { key: 'scopes', type: 'text' },
  { key: 'specs', type: 'text' },
  { key: 'tags', type: 'text' },
  { key: 'save', type: 'button' },
];

/** The fields shown now: no secret line when the secret is `none`; renaming is R, not the form. */
export function formFields(form: ProfileForm): readonly FieldSpec[] {
  return FIELDS.filter(
    (field) =>
      (field.key !== 'secret' || storageOf(form) !== 'none') &&
      (field.key !== 'name' || form.mode === 'add'),
  );
}

export function fieldLabel(form: ProfileForm, key: FieldKey): string {
  const storage = storageOf(form);
  switch (key) {
    case 'host':
      return form.values.preset.value === 'sailpoint' ? 'Tenant or host' : 'Base URL';
    case 'secret':
      if (storage === 'env') return 'Variable';
      if (storage === 'cmd') return 'Command';
      return form.mode === 'edit' ? 'Secret (empty: keep)' : 'Secret';
    case 'storage':
      return 'Secret kept in';
    case 'tokenUrl':
      return 'Token URL';
    case 'clientId':
      return 'Client id';
    case 'save':
      return '';
    default:
      return key[0]?.toUpperCase() + key.slice(1);
  }
}

/** Whether the field's text is hidden as it is typed (a secret value, never echoed). */
export function isMasked(form: ProfileForm, key: FieldKey): boolean {
  const storage = storageOf(form);
  return key === 'secret' && (storage === 'keyring' || storage === 'file');
}

export function storageOf(form: ProfileForm): Storage {
  return form.values.storage.value as Storage;
}

/** A new form, empty for `add`, filled from the profile for `edit` (never with its secret). */
export function newProfileForm(profile?: Profile, profileId?: string): ProfileForm {
  const source = profile?.secret ?? { store: 'keyring' };
  const tenant = profile?.preset === 'sailpoint' ? sailpointTenant(profile.baseUrl) : undefined;
  const values: Record<FieldKey, string> = {
    name: profile?.name ?? '',
    preset: profile?.preset ?? 'sailpoint',
    host: tenant ?? profile?.baseUrl ?? '',
    tokenUrl: profile?.tokenUrl ?? '',
    clientId: profile?.clientId ?? '',
    storage: source.store,
    secret: source.store === 'env' ? source.var : source.store === 'cmd' ? source.command : '',
    kind: profile?.kind ?? 'api-key',
    grant: profile?.grant ?? 'client_credentials',
    scopes: profile?.scopes.join(' ') ?? '',
    specs: joinList(profile?.specs ?? []),
    tags: profile?.tags.join(' ') ?? '',
    save: '',
  };
  return {
    mode: profile ? 'edit' : 'add',
    profileId: profileId ?? null,
    values: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, textInput(value)]),
    ) as Record<FieldKey, TextInput>,
    focus: profile ? 'host' : 'name',
    error: null,
    errorField: null,
    hint: null,
    busy: false,
  };
}

/**
 * The base URL a host field means: for SailPoint a bare tenant name (`acme`) becomes
 * `https://acme.api.identitynow.com`; a host without a scheme gets https.
 */
export function baseUrlOf(preset: string, host: string): string {
  const text = host.trim();
  if (text === '') return '';
  if (preset === 'sailpoint' && /^[a-z0-9-]+$/i.test(text)) return sailpointBaseUrl(text);
  return normalizeBaseUrl(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
}

/** The token URL that will be used, for the form to show while the field is empty. */
export function tokenUrlPreview(form: ProfileForm): string {
  const baseUrl = baseUrlOf(form.values.preset.value, form.values.host.value);
  if (baseUrl === '') return '';
  try {
    return effectiveTokenUrl({ baseUrl, tokenUrl: form.values.tokenUrl.value || undefined });
  } catch {
    return '';
  }
}

/** Something wrong with what the form holds, and the field it is about. */
export interface FormIssue {
  readonly field: FieldKey;
  readonly message: string;
}

const NAME_RULE =
  '1-63 characters: letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Which form field a profile property comes from, to put the schema's complaint beside it. */
const FIELD_OF: Partial<Record<string, FieldKey>> = {
  name: 'name',
  baseUrl: 'host',
  tokenUrl: 'tokenUrl',
  clientId: 'clientId',
  secret: 'secret',
  scopes: 'scopes',
  specs: 'specs',
  tags: 'tags',
  kind: 'kind',
  grant: 'grant',
  preset: 'preset',
};

/**
 * Everything wrong with the form, in the order of its fields: the name first (empty, not a
 * name, or taken by one of `takenNames`), so nothing else is asked before the name is right.
 */
export function formIssues(form: ProfileForm, takenNames: readonly string[] = []): FormIssue[] {
  const issues: FormIssue[] = [];
  const name = form.values.name.value.trim();
  if (form.mode === 'add') {
    if (name === '') issues.push({ field: 'name', message: 'the profile needs a name' });
    else if (!PROFILE_NAME_PATTERN.test(name)) issues.push({ field: 'name', message: NAME_RULE });
    else if (takenNames.includes(name)) {
      issues.push({
        field: 'name',
        message: `a profile named "${name}" already exists: pick another name`,
      });
    }
  }
  const built = buildProfile(form);
  if (built.profile.baseUrl === '') {
    issues.push({ field: 'host', message: 'type the tenant name (e.g. acme) or the API host' });
  }
  const storage = storageOf(form);
  const typed = form.values.secret.value;
  if ((storage === 'env' || storage === 'cmd') && typed.trim() === '') {
    issues.push({
      field: 'secret',
      message: `type the ${storage === 'env' ? 'variable name' : 'command'}`,
    });
  }
  const grant = form.values.grant.value;
  const needsSecret = grant === 'client_credentials' || grant === 'static';
  if (built.storesValue && needsSecret && typed === '' && form.mode === 'add') {
    issues.push({ field: 'secret', message: 'type the secret (it is stored, never shown)' });
  }
  const parsed = profileSchema.safeParse(built.profile);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = FIELD_OF[String(issue.path[0])];
    if (field === undefined || issues.some((known) => known.field === field)) continue;
    if (field === 'name' && form.mode === 'edit') continue;
    issues.push({ field, message: issue.message });
  }
  const order = FIELDS.map((spec) => spec.key);
  return issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/**
 * The profile the form describes and the secret value to store, or the first thing wrong with
 * it (and which field that is).
 */
export function formToProfile(
  form: ProfileForm,
  takenNames: readonly string[] = [],
): { profile: Profile; secretValue: string | undefined } | { error: string; field: FieldKey } {
  const issue = formIssues(form, takenNames)[0];
  if (issue) return { error: issue.message, field: issue.field };
  const { profile, storesValue } = buildProfile(form);
  const typed = form.values.secret.value;
  return { profile, secretValue: storesValue && typed !== '' ? typed : undefined };
}

/** The profile the form's text describes, unchecked. */
function buildProfile(form: ProfileForm): { profile: Profile; storesValue: boolean } {
  const text = (key: FieldKey) => form.values[key].value.trim();
  const words = (key: FieldKey) =>
    text(key)
      .split(/[\s,]+/)
      .filter(Boolean);
  const storage = storageOf(form);
  const typed = form.values.secret.value.trim();
  const secret: SecretSource =
    storage === 'env'
      ? { store: 'env', var: typed }
      : storage === 'cmd'
        ? { store: 'cmd', command: typed }
        : { store: storage };
  const profile: Profile = {
    name: text('name'),
    baseUrl: baseUrlOf(text('preset'), text('host')),
    ...(text('tokenUrl') ? { tokenUrl: text('tokenUrl') } : {}),
    grant: text('grant') as Profile['grant'],
    ...(text('clientId') ? { clientId: text('clientId') } : {}),
    secret,
    scopes: words('scopes'),
    kind: text('kind') as Profile['kind'],
    preset: text('preset') as Profile['preset'],
    // A path may hold spaces: specs are separated by commas (list-field.ts).
    specs: splitList(form.values.specs.value),
    tags: words('tags'),
  };
  return { profile, storesValue: storage === 'keyring' || storage === 'file' };
}

/** An edited profile over the saved one: fields the form does not show (issuer, JWKS) are kept. */
export function mergeEdit(original: Profile, edited: Profile): Profile {
  const { tokenUrl: _dropped, ...rest } = original;
  return { ...rest, ...edited };
}

/**
 * A save's failure as the form names it: `invalid profile: baseUrl: …` is about the
 * "Tenant or host" line, "a profile named … already exists" about the name.
 */
export function issueFromError(form: ProfileForm, message: string): FormIssue | null {
  if (/^a profile named ".*" already exists/.test(message)) {
    return { field: 'name', message: `${message}: pick another name` };
  }
  const invalid = /^invalid profile: ([A-Za-z]+)[^:]*: (.*)$/s.exec(message);
  const field = invalid ? FIELD_OF[invalid[1] as string] : undefined;
  if (!invalid || field === undefined) return null;
  if (!formFields(form).some((spec) => spec.key === field)) return null;
  return { field, message: invalid[2] as string };
}
