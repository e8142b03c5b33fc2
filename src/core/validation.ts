import type { core } from './schema-kit.js';

/** Turns the first schema issue into "field: what is allowed", the form every message uses. */
export function describeIssue(error: core.$ZodError, subject = 'value'): string {
  const issue = error.issues[0];
  if (!issue) return `invalid ${subject}`;
  const field = issue.path.length > 0 ? issue.path.join('.') : subject;
  return `${field}: ${issue.message}`;
}
