import { execFile } from 'node:child_process';

/**
 * Reads every process's full command line (`ps -e -ww -o args=`) again and again, back to back
 * with no pause, until stopped: whatever keyhole or a command it prints puts in an argv while
 * the test runs is in one of the samples.
 */
export interface PsSampler {
  /** Every sample taken so far, one `ps` output each. */
  readonly samples: string[];
  /** Resolves with the first sample (taken from now on) for which `test` holds. */
  until(test: (sample: string) => boolean, what: string): Promise<string>;
  /** Stops after the sample in flight and resolves with all samples. */
  stop(): Promise<string[]>;
}

function psOnce(): Promise<string> {
  return new Promise((resolve) => {
    execFile('ps', ['-e', '-ww', '-o', 'args='], { maxBuffer: 64 * 1024 * 1024 }, (_e, out) =>
      resolve(String(out)),
    );
  });
}

export function samplePs(options: { deadlineMs?: number } = {}): PsSampler {
  const samples: string[] = [];
  const waiters: { test: (s: string) => boolean; resolve: (s: string) => void }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const sample = await psOnce();
      samples.push(sample);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(sample)) waiter.resolve(sample);
        else waiters.push(waiter);
      }
    }
  })();
  const deadlineMs = options.deadlineMs ?? 60_000;
  return {
    samples,
    until: (test, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`ps never showed ${what} in ${samples.length} samples`)),
          deadlineMs,
        );
        waiters.push({
          test,
          resolve: (sample) => {
            clearTimeout(timer);
            resolve(sample);
          },
        });
      }),
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
