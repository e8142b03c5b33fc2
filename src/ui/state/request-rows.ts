import {
  METHODS,
  type RequestDraft,
  type RequestField,
  withPathTemplate,
} from '../../core/session/index.js';
import { keyOf } from '../keymap.js';

/** One line of the request form, and what editing it changes. */
export type RowRef =
  | { readonly kind: 'method' }
  | { readonly kind: 'path' }
  | { readonly kind: 'pathParam'; readonly index: number }
  | { readonly kind: 'query'; readonly index: number }
  | { readonly kind: 'addQuery' }
  | { readonly kind: 'authorization' }
  | { readonly kind: 'header'; readonly index: number }
  | { readonly kind: 'addHeader' }
  | { readonly kind: 'body' };

/** The rows of the request form, in display order. */
export function requestRows(draft: RequestDraft): RowRef[] {
  return [
    { kind: 'method' },
    { kind: 'path' },
    ...draft.pathParams.map((_, index) => ({ kind: 'pathParam' as const, index })),
    ...draft.query.map((_, index) => ({ kind: 'query' as const, index })),
    { kind: 'addQuery' },
    { kind: 'authorization' },
    ...draft.headers.map((_, index) => ({ kind: 'header' as const, index })),
    { kind: 'addHeader' },
    { kind: 'body' },
  ];
}

/** Whether Enter edits the row in place (the body goes to $EDITOR, Authorization is the token's). */
export function editableInline(row: RowRef): boolean {
  return row.kind !== 'authorization' && row.kind !== 'body';
}

/** The text an inline edit of the row starts with. */
export function editValue(draft: RequestDraft, row: RowRef): string {
  switch (row.kind) {
    case 'method':
      return draft.method;
    case 'path':
      return draft.pathTemplate;
    case 'pathParam':
      return draft.pathParams[row.index]?.value ?? '';
    case 'query':
      return draft.query[row.index]?.value ?? '';
    case 'header': {
      const header = draft.headers[row.index];
      return header ? `${header.name}: ${header.value}` : '';
    }
    default:
      return '';
  }
}

/** What the prompt of an inline edit says. */
export function editLabel(draft: RequestDraft, row: RowRef): string {
  switch (row.kind) {
    case 'pathParam':
      return `${draft.pathParams[row.index]?.name ?? ''} =`;
    case 'query':
      return `${draft.query[row.index]?.name ?? ''} =`;
    case 'addQuery':
      return 'new query parameter (name=value):';
    case 'header':
    case 'addHeader':
      return 'header (Name: value):';
    default:
      return `${row.kind}:`;
  }
}

/** The draft with an edited row applied, or the reason the text cannot be used. */
export function applyField(
  draft: RequestDraft,
  row: RowRef,
  text: string,
): { draft: RequestDraft } | { error: string } {
  const value = text.trim();
  switch (row.kind) {
    case 'method': {
      const method = value.toUpperCase();
      if (!(METHODS as readonly string[]).includes(method)) {
        return { error: `"${value}" is not an HTTP method (${METHODS.join(', ')})` };
      }
      return { draft: { ...draft, method } };
    }
    case 'path':
      if (!value.startsWith('/') && !/^https?:\/\//i.test(value)) {
        return { error: 'the path starts with / (or is a full http(s) URL)' };
      }
      return { draft: withPathTemplate(draft, value) };
    case 'pathParam':
      return { draft: { ...draft, pathParams: replace(draft.pathParams, row.index, value) } };
    case 'query':
      return { draft: { ...draft, query: replace(draft.query, row.index, text) } };
    case 'addQuery': {
      const at = text.indexOf('=');
      if (at <= 0) return { error: 'write the parameter as name=value' };
      const field = pair(text.slice(0, at).trim(), text.slice(at + 1));
      return { draft: { ...draft, query: [...draft.query, field] } };
    }
    case 'header':
    case 'addHeader': {
      const at = text.indexOf(':');
      if (at <= 0) return { error: 'write the header as Name: value' };
      const field = pair(text.slice(0, at).trim(), text.slice(at + 1).trim());
      const headers =
        row.kind === 'header'
          ? draft.headers.map((h, i) => (i === row.index ? field : h))
          : [...draft.headers, field];
      return { draft: { ...draft, headers } };
    }
    default:
      return { draft };
  }
}

/**
 * The draft as it would be with `text` saved in the row: the URL line follows the typing. Text
 * that could not be saved (yet) leaves the draft as it is.
 */
export function withTyped(draft: RequestDraft, row: RowRef, text: string): RequestDraft {
  const result = applyField(draft, row, text);
  return 'draft' in result ? result.draft : draft;
}

/**
 * The value `step` (1: next, -1: previous) away from the current one among the values the spec
 * lists for the row's server variable; null when the row has no such list. A value typed that
 * is not in the list steps to the first (or last).
 */
export function stepChoice(draft: RequestDraft, row: RowRef, step: 1 | -1): string | null {
  const field = row.kind === 'pathParam' ? draft.pathParams[row.index] : undefined;
  const choices = field?.choices ?? [];
  if (!field || choices.length === 0) return null;
  const at = choices.indexOf(field.value);
  if (at < 0) return (step === 1 ? choices[0] : choices.at(-1)) ?? null;
  return choices[(at + step + choices.length) % choices.length] ?? null;
}

/** The footer's lead on a server variable with listed values: `←/→ value`. */
export function choiceHint(draft: RequestDraft, row: RowRef | undefined): string | undefined {
  if (!row || stepChoice(draft, row, 1) === null) return undefined;
  return `${keyOf('prevChoice', 'request')}/${keyOf('nextChoice', 'request')} value`;
}

/**
 * `x` on a row: a parameter is emptied (then not sent), a server variable goes back to the
 * spec's default, a header is removed, the body dropped.
 */
export function clearField(draft: RequestDraft, row: RowRef): RequestDraft {
  switch (row.kind) {
    case 'pathParam': {
      const field = draft.pathParams[row.index];
      const value = field?.serverVariable ? (field.example ?? '') : '';
      return { ...draft, pathParams: replace(draft.pathParams, row.index, value) };
    }
    case 'query': {
      const field = draft.query[row.index];
      // Parameters the spec lists stay as empty rows; ones the user added go away.
      if (field && field.example === null && !field.required) {
        return { ...draft, query: draft.query.filter((_, i) => i !== row.index) };
      }
      return { ...draft, query: replace(draft.query, row.index, '') };
    }
    case 'header':
      return { ...draft, headers: draft.headers.filter((_, i) => i !== row.index) };
    case 'body':
      return { ...draft, body: null };
    default:
      return draft;
  }
}

function replace(fields: readonly RequestField[], index: number, value: string): RequestField[] {
  return fields.map((field, i) => (i === index ? { ...field, value } : field));
}

function pair(name: string, value: string): RequestField {
  return { name, value, required: false, example: null };
}
