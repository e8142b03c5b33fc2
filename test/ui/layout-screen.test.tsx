import { describe, expect, it } from 'vitest';
import { type DemoTenant } from '../../src/demo/server.js';
import { useDemoScreen } from '../support/demo-screen.js';
import { App } from '../../src/ui/app.js';
import { KEYMAP } from '../../src/ui/keymap.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { ManualClock } from '../support/manual-clock.js';
import { renderSized } from '../support/render-sized.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-layout-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a fresh demo session at a real terminal size, on a clock the test drives. */
async function start(columns: number, rows: number) {
  const { workbench } = demoWorkbench(tenant, root);
  workbench.start();
  const clock = new ManualClock();
  const app = renderSized(
    <App workbench={workbench} clock={clock} fallbackSize={{ columns, rows }} />,
    columns,
    rows,
  );
  cleanups.push(() => {
    app.unmount();
    workbench.close();
  });
  const frame = () => app.lastFrame();
  await waitForText(frame, ['expires in', '✓ GET    /v3/identities '], 15_000);
  const key = (input: string, ...expected: string[]) => {
    app.stdin.write(input);
    return waitForText(frame, expected, 15_000);
  };
  const paths = () => {
    const { catalog } = workbench.getSnapshot();
    return catalog.status === 'ready' ? catalog.operations.map((op) => op.path) : [];
  };
  return { app, frame, key, clock, paths };
}

/** Yields to the event loop until React has committed what a timer set off. */
async function settle() {
  for (let round = 0; round < 3; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const SIZES: Array<[number, number]> = [
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 50],
];

describe.each(SIZES)('the layout at %i×%i', (columns, rows) => {
  it('cuts nothing important: expiry, kind column, paths, footer', async () => {
    const { frame, paths } = await start(columns, rows);
    const shown = frame() ?? '';
    const lines = shown.split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
    // The expiry countdown is whole, at the end of the identity line.
    expect(lines[1], shown).toMatch(/expires in \d+m$/);
    // The kind column starts at one place on every profile row.
    const kindAt = ['demo-api', 'demo-pat', 'demo-helpdesk'].map((name) => {
      const row = lines.find((line) => line.includes(` ${name} `)) ?? '';
      return row.search(/API key|PAT/);
    });
    expect(new Set(kindAt).size, shown).toBe(1);
    expect(kindAt[0], shown).toBeGreaterThan(0);
    // Each endpoint row shows its whole path, or a cut one marked with an ellipsis.
    const known = paths();
    const rowsShown = lines.flatMap((line) => {
      const match = /[✓✗?] (?:GET|POST|PUT|PATCH|DELETE)\s+(\S+)/.exec(line);
      return match?.[1] ? [match[1]] : [];
    });
    expect(rowsShown.length, shown).toBeGreaterThan(3);
    for (const shownPath of rowsShown) {
      if (!shownPath.includes('…')) expect(known, shown).toContain(shownPath);
    }
    // The footer keeps whole hints and always ends with where the rest are.
    const hints = lines.filter((line) => line.trim() !== '').at(-1) ?? '';
    expect(hints, shown).toMatch(/\? help$/);
    expect(hints, shown).toContain('Profiles: Enter use');
  });

  it('panels with hidden rows say how many; help lines wrap instead of being cut', async () => {
    const { frame, key } = await start(columns, rows);
    const card = await key('t', 'Token of demo-api');
    const note = /lines 1-(\d+) of (\d+)/.exec(card);
    expect(note, card).not.toBeNull();
    const [, end, total] = note ?? [];
    if (Number(total) > Number(end)) {
      expect(card).toContain(`↓ ${Number(total) - Number(end)} more`);
    }
    // A long card line wraps at a word, under its own value column.
    const cardLines = card.split('\n');
    const kind = cardLines.findIndex((line) => line.includes('Kind:'));
    const value = (cardLines[kind] ?? '').indexOf('SailPoint');
    if (!/no user context \(acts as the client\)/.test(cardLines[kind] ?? '')) {
      const next = cardLines[kind + 1] ?? '';
      const right = next.slice(next.lastIndexOf('││') + 2);
      expect(right.slice(0, value - next.lastIndexOf('││') - 2).trim(), card).toBe('');
    }
    await key('t', '▶ Response');

    const help = await key('?', 'Keys', 'lines 1-');
    const [, shownEnd, helpTotal] = /lines 1-(\d+) of (\d+)/.exec(help) ?? [];
    expect(help).toContain(`↓ ${Number(helpTotal) - Number(shownEnd)} more`);
    expect(frame()).toContain('Keys');
    const inside = help
      .split('\n')
      .filter((line) => line.startsWith('│'))
      .map((line) => line.slice(1, -1).trim());
    for (const line of inside) expect(line.endsWith('…'), help).toBe(false);
    // The send key's whole description is on screen, wrapped where it must be.
    const send = KEYMAP.find((binding) => binding.command === 'send')?.help ?? '';
    expect(inside.join(' ').replace(/\s+/g, ' ')).toContain(send);
  });
});

describe('the expiry countdown on a driven clock', () => {
  it('shows minutes and repaints once a minute, seconds in the last minutes; the card follows', async () => {
    const { frame, key, clock, app } = await start(120, 40);
    const card = await key('t', 'Token of demo-api', 'Expires:');
    const minutes = Number(/expires in (\d+)m$/m.exec(card)?.[1]);
    expect(minutes, card).toBeGreaterThan(6);
    expect(card).toMatch(new RegExp(`Expires: +in ${minutes}m \\(`));

    const before = app.frames.length;
    for (let second = 0; second < 60; second += 1) {
      clock.advance(1000);
      await settle();
    }
    const next = await waitForText(frame, `expires in ${minutes - 1}m`);
    expect(next).toMatch(new RegExp(`Expires: +in ${minutes - 1}m \\(`));
    // Sixty driven seconds, one change on screen: one repaint (two if a frame was under way).
    expect(app.frames.length - before).toBeLessThanOrEqual(2);

    // Into the last minutes: seconds, every second, in the header and the card alike.
    clock.advance((minutes - 5) * 60_000);
    await waitForFrame(frame, (shown) => /expires in 4m \d+s$/m.test(shown), 10_000, 'seconds');
    const seen = new Set<string>();
    const ticking = app.frames.length;
    for (let second = 0; second < 5; second += 1) {
      clock.advance(1000);
      await settle();
      const shown = await waitForFrame(
        frame,
        (text) => {
          const phrase = /expires (in 4m \d+s)$/m.exec(text)?.[1];
          return phrase !== undefined && !seen.has(phrase);
        },
        10_000,
        'the next second',
      );
      const phrase = /expires (in 4m \d+s)$/m.exec(shown)?.[1] ?? '';
      seen.add(phrase);
      expect(shown).toContain(`Expires:      ${phrase} (`);
    }
    // A repaint for (nearly) every driven second; the waits above saw five different seconds.
    expect(app.frames.length - ticking).toBeGreaterThanOrEqual(4);
  });
});
