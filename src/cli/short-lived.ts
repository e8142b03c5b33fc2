import { setFlagsFromString } from 'node:v8';

/**
 * Tunes V8 for a process that makes a few requests and exits. undici parses HTTP with llhttp,
 * compiled to WebAssembly; once a response has kept the parser busy, V8 recompiles its one huge
 * function with TurboFan on a background thread, and a process that exits meanwhile waits for
 * that compile: 80 to 130 ms of every `keyhole call` (a third of it) went to code that never ran.
 * Liftoff, the baseline compiler, parses as fast as a command needs. The TUI, which lives long
 * and may parse large bodies, keeps V8's defaults. Must run before the first WebAssembly compile.
 */
export function tuneForShortLife(): void {
  setFlagsFromString('--liftoff-only');
}
