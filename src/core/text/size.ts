const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * Every size keyhole shows, in the CLI and the TUI, in one style: `340 B`, `1.2 KB`, `12 MB`,
 * `64 MB`. Units are powers of 1024 (a 64 MiB limit reads `64 MB`, not `67.1 MB`); one decimal
 * below 10, whole numbers above, and none at all when the size is a whole number of its unit.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'no limit';
  let power = 0;
  while (power < UNITS.length - 1 && Math.abs(bytes) >= 1024 ** (power + 1)) power += 1;
  let value = bytes / 1024 ** power;
  // 1023.96 KB rounds to 1024 KB: say 1 MB instead.
  if (power < UNITS.length - 1 && Math.round(value) >= 1024) {
    power += 1;
    value = bytes / 1024 ** power;
  }
  const shown = power === 0 || value >= 10 ? Math.round(value) : Number(value.toFixed(1));
  return `${shown} ${UNITS[power]}`;
}
