import {
  effectiveTokenUrl,
  normalizeBaseUrl,
  sailpointBaseUrl,
  sailpointTenant,
} from '../../core/profiles/defaults.js';
import type { Profile, SecretSource } from '../../core/profiles/schema.js';
import { GRANTS, KINDS, PRESETS } from '../../core/profiles/vocabulary.js';
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
    specs: profile?.specs.join(' ') ?? '',
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

/** The profile the form describes and the secret value to store, or what is missing. */
export function formToProfile(
  form: ProfileForm,
  storageOverride?: 'file',
): { profile: Profile; secretValue: string | undefined } | { error: string } {
  const text = (key: FieldKey) => form.values[key].value.trim();
  const words = (key: FieldKey) =>
    text(key)
      .split(/[\s,]+/)
      .filter(Boolean);
  const storage = storageOverride ?? storageOf(form);
  if (text('name') === '') return { error: 'the profile needs a name' };
  const baseUrl = baseUrlOf(text('preset'), text('host'));
  if (baseUrl === '') return { error: 'type the tenant name (e.g. acme) or the API host' };
  const typed = form.values.secret.value;
  let secret: SecretSource;
  if (storage === 'env' || storage === 'cmd') {
    if (typed.trim() === '')
      return { error: `type the ${storage === 'env' ? 'variable name' : 'command'}` };
    secret =
      storage === 'env'
        ? { store: 'env', var: typed.trim() }
        : { store: 'cmd', command: typed.trim() };
  } else {
    secret = { store: storage };
  }
  const storesValue = storage === 'keyring' || storage === 'file';
  const needsSecret = text('grant') === 'client_credentials' || text('grant') === 'static';
  if (storesValue && needsSecret && typed === '' && form.mode === 'add') {
    return { error: 'type the secret (it is stored, never shown)' };
  }
  const profile: Profile = {
    name: text('name'),
    baseUrl,
    ...(text('tokenUrl') ? { tokenUrl: text('tokenUrl') } : {}),
    grant: text('grant') as Profile['grant'],
    ...(text('clientId') ? { clientId: text('clientId') } : {}),
    secret,
    scopes: words('scopes'),
    kind: text('kind') as Profile['kind'],
    preset: text('preset') as Profile['preset'],
    specs: words('specs'),
    tags: words('tags'),
  };
  return { profile, secretValue: storesValue && typed !== '' ? typed : undefined };
}

/** An edited profile over the saved one: fields the form does not show (issuer, JWKS) are kept. */
export function mergeEdit(original: Profile, edited: Profile): Profile {
  const { tokenUrl: _dropped, ...rest } = original;
  return { ...rest, ...edited };
}
