import { type FSWatcher, existsSync, watch } from 'node:fs';
import path from 'node:path';

/** How long events are gathered before `changed` runs: one write makes several. */
export const CONFIG_WATCH_DEBOUNCE_MS = 100;

/**
 * Calls `changed` soon after `file` may have changed: written, replaced by a rename, created or
 * deleted, by this process or another. The folder is watched, not the file: an atomic write
 * renames a new file over the old one, and a watch on the old one would see nothing after it.
 * While the folder does not exist yet (no profile was ever saved), its nearest existing parent is
 * watched until it appears. Events are gathered for `debounceMs`, so one write is one call; a
 * reader must still expect a half-written file (an editor saving in place). Never keeps the
 * process alive. Returns a function that stops watching.
 */
export function watchConfigFile(
  file: string,
  changed: () => void,
  debounceMs = CONFIG_WATCH_DEBOUNCE_MS,
): () => void {
  const folder = path.dirname(file);
  const name = path.basename(file);
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!stopped) changed();
    }, debounceMs);
    timer.unref();
  };

  const arm = () => {
    watcher?.close();
    watcher = null;
    if (stopped) return;
    let target = folder;
    while (!existsSync(target) && path.dirname(target) !== target) target = path.dirname(target);
    // What to look for in `target`: the file itself, or the next folder on the way to it.
    const awaited = target === folder ? name : path.relative(target, folder).split(path.sep)[0];
    try {
      watcher = watch(target, { persistent: false }, (_event, filename) => {
        const folderGone = target === folder && !existsSync(folder);
        if (!folderGone && filename !== null && filename !== awaited) return;
        // The way to the config folder changed: watch the nearest folder again, and read once,
        // since the file may have been written before the new watch began.
        if (folderGone || target !== folder) arm();
        soon();
      });
      // A folder that vanished or an exhausted inotify limit: try again from what exists.
      watcher.on('error', () => {
        if (!stopped) setImmediate(arm);
      });
    } catch {
      // Nothing watchable (no permission, say): the list stays as it was read.
      watcher = null;
    }
  };

  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
    watcher = null;
  };
}
