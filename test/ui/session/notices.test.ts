import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimNotices, emitNotice, onNotice } from '../../../src/core/notices.js';
import {
  NoticeBoard,
  type NoticeEnding,
  type NoticeTopic,
} from '../../../src/core/session/notice-board.js';
import { startDemoTenant } from '../../../src/demo/server.js';
import { demoWorkbench } from '../../support/demo-workbench.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * How long each notice stays (issue 11, item 9), written out case by case: every notice is
 * replaced by the next one; these are the events that end it besides.
 */
const EXPECTED: Record<NoticeTopic, Record<NoticeEnding, boolean>> = {
  // Start-up, the editor, internal errors: read once a key is pressed.
  session: { nextKey: true, otherProfile: false, send: false },
  // "compare needs two or more profiles": about the key just pressed.
  key: { nextKey: true, otherProfile: false, send: false },
  // r: about one profile's token, whatever keys follow.
  token: { nextKey: false, otherProfile: true, send: false },
  grant: { nextKey: false, otherProfile: true, send: false },
  // "fill the path parameter id first": until the request goes out.
  request: { nextKey: false, otherProfile: false, send: true },
  import: { nextKey: false, otherProfile: true, send: true },
  find: { nextKey: false, otherProfile: false, send: true },
  saveBody: { nextKey: false, otherProfile: false, send: true },
  copy: { nextKey: false, otherProfile: true, send: true },
  // "saved profile x" stays true until something else is said.
  profiles: { nextKey: false, otherProfile: false, send: false },
};

const post = (board: NoticeBoard, topic: NoticeTopic, profileId: string | null = 'saved:a') =>
  board.post({ kind: 'error', text: `about ${topic}`, hint: null, topic, profileId });

describe('notice lifetimes (issue 11, item 9)', () => {
  for (const [topic, endings] of Object.entries(EXPECTED) as Array<
    [NoticeTopic, Record<NoticeEnding, boolean>]
  >) {
    for (const [ending, ends] of Object.entries(endings) as Array<[NoticeEnding, boolean]>) {
      it(`a ${topic} notice ${ends ? 'ends' : 'stays'} with ${ending}`, () => {
        const board = new NoticeBoard();
        post(board, topic);
        expect(board.end(ending, 'saved:b')).toBe(ends);
        expect(board.current === null).toBe(ends);
      });
    }
  }

  it('a notice about the profile that is current again stays', () => {
    const board = new NoticeBoard();
    post(board, 'token', 'saved:a');
    expect(board.end('otherProfile', 'saved:a')).toBe(false);
    expect(board.current?.text).toBe('about token');
  });

  it('a silent success settles its own topic only; a new notice replaces any', () => {
    const board = new NoticeBoard();
    post(board, 'find');
    expect(board.settle('saveBody')).toBe(false);
    expect(board.settle('find')).toBe(true);
    expect(board.current).toBeNull();
    post(board, 'profiles');
    post(board, 'key');
    expect(board.current?.topic).toBe('key');
  });
});

describe('core warnings while the TUI runs', () => {
  it('go to the claimer alone (not to stderr through the CLI listener), until released', () => {
    const printed: string[] = [];
    const shown: string[] = [];
    const stop = onNotice((message) => printed.push(message));
    const release = claimNotices((message) => shown.push(message));
    try {
      emitNotice('the token cache was moved aside');
      expect(shown).toEqual(['the token cache was moved aside']);
      expect(printed).toEqual([]);
      release();
      emitNotice('after');
      expect(printed).toEqual(['after']);
    } finally {
      release();
      stop();
    }
  });
});

describe('the workbench keeps to the lifetimes (demo tenant)', () => {
  it("a key ends session notices, not profile ones; a send ends a refused request; a switch ends the last profile's", async () => {
    const tenant = await startDemoTenant({ port: 0 });
    const root = mkdtempSync(path.join(tmpdir(), 'keyhole-notices-'));
    const { workbench } = demoWorkbench(tenant, root);
    const snap = () => workbench.getSnapshot();
    try {
      workbench.start('demo-api');
      await waitFor(() => snap().catalog.status === 'ready', 'the catalog', 15_000);

      workbench.say('info', 'body updated from the editor');
      workbench.keyPressed();
      expect(snap().notice).toBeNull();

      workbench.tell('profiles', 'info', 'saved profile x');
      workbench.keyPressed();
      expect(snap().notice?.text).toBe('saved profile x');

      workbench.pickOperation('GET /v3/identities/{id}');
      workbench.updateRequest((draft) => ({
        ...draft,
        pathParams: draft.pathParams.map((param) => ({ ...param, value: '' })),
      }));
      await workbench.send();
      expect(snap().notice).toMatchObject({ topic: 'request', kind: 'error' });
      expect(snap().notice?.text).toContain('fill the path parameter id first');
      workbench.pickOperation('GET /v3/identities');
      await workbench.send();
      expect(snap().response.status).toBe('done');
      expect(snap().notice).toBeNull();

      workbench.tell('copy', 'info', 'copied the curl command to the clipboard');
      workbench.selectProfile(workbench.book.byName('demo-pat')!.id);
      expect(snap().notice).toBeNull();
      // The switch fetches demo-pat's token; let it land before the folder is removed.
      await waitFor(() => snap().token.status === 'ready', "demo-pat's token", 15_000);
    } finally {
      workbench.close();
      await tenant.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
