/**
 * Errors that carry the exit code and a message written for a person. Anything else that reaches
 * the top level is a bug and is reported as such (without its stack unless KEYHOLE_DEBUG is set).
 */
export class KeyholeError extends Error {
  override readonly name: string = 'KeyholeError';
  /** Process exit code: 1 for a failed operation, 2 for a usage or configuration error. */
  readonly exitCode: 1 | 2;
  /** What the user can do next, printed under the message. */
  readonly hint: string | undefined;
  /** A stable name for callers that react to one kind of failure, e.g. `session_ended`. */
  readonly code: string | undefined;

  constructor(
    message: string,
    options: { exitCode?: 1 | 2; hint?: string; cause?: unknown; code?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
    this.code = options.code;
  }
}

/** The user asked for something that cannot be: bad flag values, unknown profile, invalid field. */
export class UsageError extends KeyholeError {
  override readonly name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, { exitCode: 2, hint });
  }
}

/** The config file exists but cannot be read as keyhole config. It is never rewritten. */
export class ConfigCorruptError extends KeyholeError {
  override readonly name = 'ConfigCorruptError';
  readonly file: string;
  /** What is wrong with it: "not valid JSON: …", "profiles.0.grant: …". */
  readonly detail: string;
  constructor(file: string, detail: string) {
    super(`the config file ${file} is corrupt (${detail}); it was left untouched`, {
      exitCode: 2,
      hint:
        `Nothing was changed. Inspect or fix the file by hand, or run ` +
        `\`keyhole config repair\` to move it aside to a timestamped .corrupt backup and start empty.`,
    });
    this.file = file;
    this.detail = detail;
  }
}
