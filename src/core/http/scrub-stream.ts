import { Writable } from 'node:stream';
import { scrubBuffer } from './scrub.js';

// A byte that can be part of a token or a fragment of one (see scrub.ts's WORD): never cut there.
const TOKEN_BYTE = /[A-Za-z0-9_~+/.-]/;

/**
 * A streamed body scrubbed of known secrets on its way to the caller's sink (a pipe or file). A
 * secret may straddle two chunks, so the last bytes are held back until more arrive, and each
 * piece written out ends on a byte that cannot be part of a token. `end()` writes the rest; the
 * caller's sink itself is never ended (it is usually stdout).
 */
export class ScrubbingSink extends Writable {
  private carry: Buffer = Buffer.alloc(0);
  private listening = false;
  /** Places cut out so far, for the response's warning. */
  count = 0;

  constructor(
    private readonly sink: NodeJS.WritableStream,
    private readonly secrets: () => readonly string[],
  ) {
    super();
    // After the engine has stopped listening, a late error must not become an uncaught one.
    this.on('error', () => undefined);
  }

  private readonly forwardError = (error: Error) => this.destroy(error);

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.sink.removeListener('error', this.forwardError);
    done(error);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    // Only a body that is really streamed ties this to the sink: a failing sink (a closed pipe,
    // a full disk) then fails this stream, where the engine listens.
    if (!this.listening) {
      this.listening = true;
      this.sink.on('error', this.forwardError);
    }
    const secrets = this.secrets();
    const combined = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const hold = holdBack(secrets);
    if (combined.length <= hold * 2) {
      this.carry = combined;
      done();
      return;
    }
    let cut = combined.length - hold;
    // Back off to a byte no token can hold, so no secret or fragment is split in two.
    for (let at = cut; at > 0 && at > cut - hold; at -= 1) {
      if (!TOKEN_BYTE.test(String.fromCharCode(combined[at - 1] ?? 0))) {
        cut = at;
        break;
      }
    }
    this.carry = combined.subarray(cut);
    this.emit_(combined.subarray(0, cut), secrets, done);
  }

  override _final(done: (error?: Error) => void): void {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    this.emit_(rest, this.secrets(), (error) => {
      this.sink.removeListener('error', this.forwardError);
      done(error);
    });
  }

  private emit_(piece: Buffer, secrets: readonly string[], done: (error?: Error) => void): void {
    if (piece.length === 0) {
      done();
      return;
    }
    const scrubbed = scrubBuffer(piece, secrets);
    this.count += scrubbed.count;
    if (this.sink.write(scrubbed.body)) done();
    else this.sink.once('drain', () => done());
  }
}

/** Bytes held back at a chunk's end: enough for the longest secret to arrive whole. */
function holdBack(secrets: readonly string[]): number {
  const longest = Math.max(0, ...secrets.map((s) => Buffer.byteLength(s)));
  return Math.max(64, longest + 1);
}
