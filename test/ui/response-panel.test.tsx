import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { BodyDocument, type ResponseState } from '../../src/core/session/index.js';
import { ResponsePanel } from '../../src/ui/components/response-panel.js';
import { INITIAL_UI } from '../../src/ui/state/ui-state.js';
import { waitForText } from '../support/wait-for-frame.js';

const sending: ResponseState = {
  status: 'sending',
  method: 'GET',
  url: 'http://127.0.0.1/demo/large',
  startedAt: 0,
  phase: 'formatting',
  httpStatus: 200,
  receivedBytes: 2 * 1024 * 1024,
  totalBytes: null,
  retryReason: null,
};

function done(body: BodyDocument): ResponseState {
  return {
    status: 'done',
    number: 1,
    view: {
      profile: 'demo-api',
      method: 'GET',
      url: 'http://127.0.0.1/demo/large',
      status: 200,
      statusText: 'OK',
      headers: {},
      requestHeaders: {},
      timing: { firstByteMs: 1, downloadMs: 2, totalMs: 3 },
      receivedBytes: body.raw.length,
      truncated: false,
      bodyLimitBytes: 64 * 1024 * 1024,
      retries: 0,
      warnings: [],
      explanation: null,
      body,
    },
  };
}

const panel = (response: ResponseState) => (
  <ResponsePanel
    response={response}
    ui={INITIAL_UI}
    statusLines={[]}
    headerLines={[]}
    width={80}
    height={12}
    focused
  />
);

describe('the response panel', () => {
  it('says the body is being formatted, then shows its first lines', async () => {
    const app = render(panel(sending));
    const frame = () => app.lastFrame() ?? '';
    await waitForText(frame, ['received; formatting the body…', 'received 2 MB']);
    const body = new BodyDocument(Buffer.from('[{"id":12345678901234567891,"name":"Zoë"}]'));
    await body.prepareOffThread();
    app.rerender(panel(done(body)));
    const screen = await waitForText(frame, ['"id": 12345678901234567891,', '"name": "Zoë"']);
    expect(screen).not.toContain('formatting');
    expect(screen).toContain('lines 1-6 of 6');
    app.unmount();
  });

  it('says the rest is being formatted while it shows the first screen of a big body', async () => {
    const first = ['[', '  {', '    "id": "2c91"', '  },'];
    // A body whose worker has not answered yet: its first lines, laid out in this thread.
    const previewing = {
      raw: Buffer.alloc(4 * 1024 * 1024),
      ready: false,
      kind: 'json',
      lineCount: first.length,
      visible: (index: number) => first[index] ?? '',
    } as unknown as BodyDocument;
    const app = render(panel(done(previewing)));
    const frame = () => app.lastFrame() ?? '';
    await waitForText(frame, ['"id": "2c91"', 'lines 1-4 of 4+ · formatting…']);
    app.unmount();
  });

  it('shows malformed JSON as it came, on its own lines', async () => {
    const body = new BodyDocument(Buffer.from('{"a": [1, 2\n"cut here'), 'application/json');
    await body.prepareOffThread();
    const app = render(panel(done(body)));
    const frame = () => app.lastFrame() ?? '';
    await waitForText(frame, ['{"a": [1, 2', '"cut here', 'lines 1-2 of 2']);
    app.unmount();
  });
});
