/**
 * Runs `load` (an import()) with `globalThis.fetch` hidden, and puts it back when it settles.
 *
 * yoga-layout, Ink's layout engine, instantiates its WebAssembly from a base64 data: URL, and
 * reads it through fetch when fetch exists. Node's fetch is built on the undici bundled in Node,
 * which loads on the first call: that one fetch of a data: URL cost 30 to 45 ms of the TUI's
 * start here, more than the rest of yoga. Without fetch, yoga decodes the same bytes itself. No
 * other module the TUI loads calls fetch while it is evaluated; yoga keeps no reference to it.
 */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!fetch?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', {
    value: undefined,
    configurable: true,
    writable: true,
  });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', fetch);
  }
}
