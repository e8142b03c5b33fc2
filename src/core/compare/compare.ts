import {
  type CallOptions,
  type CallRequest,
  type CallResult,
  executeCall,
} from '../call/execute.js';
import { KeyholeError } from '../errors.js';
import type { Explanation } from '../explain/explain.js';
import type { ResponseRecord, Timing } from '../http/types.js';
import { type IdentitySummary, summarizeIdentity } from '../history/summary.js';
import type { Profile } from '../profiles/schema.js';
import { noun } from '../text/plural.js';
import type { Interaction, TokenService } from '../tokens/service.js';
import { type DiffChange, diffJson } from './diff.js';

/** One profile's column of a comparison. */
export interface CompareEntry {
  profile: string;
  /** Null when the request could not be sent or answered (`error` says why). */
  status: number | null;
  timing: Timing | null;
  identity: IdentitySummary | null;
  explanation: Explanation | null;
  error: { message: string; hint: string | null } | null;
  /** The body cap cut this profile's body: the diff saw only its beginning. */
  truncated: boolean;
  /** The whole result, for views and history; not part of the JSON output. */
  call: CallResult | null;
}

/** A change between the base profile's body (`before`) and another profile's (`after`). */
export interface CompareDiffChange extends DiffChange {
  /** The first profile that got a response: every other body is compared with its body. */
  base: string;
  /** The profile whose body differs from the base's. */
  profile: string;
}

export interface CompareResult {
  /** In the order the profiles were given. */
  results: CompareEntry[];
  /** Each profile against the first one that got a response (profiles without one are left out). */
  diff: CompareDiffChange[];
  /** Some pair had more changes than were kept. */
  diffTruncated: boolean;
}

export interface CompareOptions extends CallOptions {
  /** Changes kept per pair of bodies. @default 1000 */
  maxChanges?: number;
}

/**
 * Sends the same request with every profile at once and lines the outcomes up: status, timing,
 * who the token is, why it failed, and a structural diff of the bodies against the first
 * profile's. A request that could not be sent is an entry with `error`, not a thrown error
 * (anything that is not a KeyholeError is a bug and is rethrown).
 */
export async function compareProfiles(
  profiles: readonly Profile[],
  request: CallRequest,
  tokens: TokenService,
  interaction: Interaction,
  options: CompareOptions = {},
): Promise<CompareResult> {
  const { maxChanges, ...callOptions } = options;
  const settled = await Promise.allSettled(
    profiles.map((profile) => executeCall(profile, request, tokens, interaction, callOptions)),
  );
  const results = settled.map((outcome, index): CompareEntry => {
    const profile = (profiles[index] as Profile).name;
    if (outcome.status === 'rejected') {
      const error: unknown = outcome.reason;
      if (!(error instanceof KeyholeError)) throw error;
      return {
        profile,
        status: null,
        timing: null,
        identity: null,
        explanation: null,
        error: { message: error.message, hint: error.hint ?? null },
        truncated: false,
        call: null,
      };
    }
    const call = outcome.value;
    return {
      profile,
      status: call.response.status,
      timing: call.response.timing,
      identity: summarizeIdentity(call.identity),
      explanation: call.explanation,
      error: null,
      truncated: call.response.truncated,
      call,
    };
  });

  // "this token has no user context; demo-pat has one": named from this very comparison.
  const withUser = results
    .filter((entry) => entry.identity?.userContext === true)
    .map((e) => e.profile);
  for (const entry of results) {
    if (entry.explanation?.reason !== 'no_user_context' || withUser.length === 0) continue;
    const verb = noun(withUser.length, 'has', 'have');
    entry.explanation = {
      ...entry.explanation,
      summary: `${entry.explanation.summary}; ${withUser.join(', ')} ${verb} one`,
    };
  }

  const diff: CompareDiffChange[] = [];
  let diffTruncated = false;
  const answered = results.filter((entry) => entry.call !== null);
  const [base, ...others] = answered;
  if (base?.call) {
    const left = bodyValue(base.call.response);
    for (const other of others) {
      if (!other.call) continue;
      const { changes, truncated } = diffJson(left, bodyValue(other.call.response), {
        maxChanges,
      });
      diff.push(
        ...changes.map((change) => ({ base: base.profile, profile: other.profile, ...change })),
      );
      diffTruncated ||= truncated;
    }
  }
  return { results, diff, diffTruncated };
}

/**
 * The body as a value to compare: parsed JSON, else the text as one string (so two HTML error
 * pages are "changed" or equal as wholes), null when empty.
 */
export function bodyValue(response: Pick<ResponseRecord, 'body'>): unknown {
  const text = response.body.toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
