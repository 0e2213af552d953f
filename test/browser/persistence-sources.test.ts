import { expect } from '@open-wc/testing';
import { readSessionSource } from '../../src/persistence/session-source.js';
import { findPublishedSessionUrl } from '../../src/persistence/state-snapshots.js';
import { downloadBlob, safeSessionFileName, sessionFileName } from '../../src/persistence/download.js';

const FIXTURE = '/test/fixtures/sessions/strict-full.cellucid-session';

async function bytesOf(body: Blob | Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

describe('session sources over real HTTP', () => {
  it('streams a session URL and reports its size and final URL', async () => {
    const expected = new Uint8Array(await (await fetch(FIXTURE)).arrayBuffer());
    const progress: number[] = [];
    const source = await readSessionSource(FIXTURE, { onProgress: (n) => progress.push(n) });
    expect(source.url).to.equal(new URL(FIXTURE, location.href).href);
    expect(await bytesOf(source.body)).to.deep.equal(expected);
    expect(progress.at(-1)).to.equal(expected.byteLength);
    if (source.totalBytes !== null) expect(source.totalBytes).to.equal(expected.byteLength);
  });

  it('a missing session names the status and the URL', async () => {
    let message = '';
    try {
      await readSessionSource('/test/fixtures/sessions/nope.cellucid-session');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(
      /^Could not fetch the session \(404( Not Found)?\): http:\/\/.+\/sessions\/nope\.cellucid-session$/,
    );
  });

  it('a File from a picker is used as it is', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'a.cellucid-session');
    const source = await readSessionSource(file);
    expect(source.body).to.equal(file);
    expect(source.totalBytes).to.equal(3);
  });

  it('a dataset without state-snapshots.json quietly has no published session', async () => {
    const logs: string[] = [];
    const result = await findPublishedSessionUrl('/test/fixtures/datasets/cellucid-demo', { log: (m) => logs.push(m) });
    expect(result.url).to.equal(null);
    expect(result.manifestUrl).to.equal(
      new URL('/test/fixtures/datasets/cellucid-demo/state-snapshots.json', location.href).href,
    );
    expect(logs.length).to.equal(1);
  });
});

describe('downloadBlob', () => {
  it('clicks a temporary download link whose URL serves the blob, then cleans up', async () => {
    const blob = new Blob([new Uint8Array([9, 8, 7])], { type: 'application/octet-stream' });
    let clicked: HTMLAnchorElement | null = null;
    let contentAtClick: Promise<Uint8Array> | null = null;
    const onClick = (event: Event) => {
      const link = event.target as HTMLAnchorElement;
      clicked = link;
      expect(link.isConnected).to.equal(true);
      contentAtClick = fetch(link.href).then(async (r) => new Uint8Array(await r.arrayBuffer()));
      event.preventDefault(); // keep the headless browser from writing a file
    };
    document.addEventListener('click', onClick, true);
    try {
      downloadBlob(blob, 'view.cellucid-session');
    } finally {
      document.removeEventListener('click', onClick, true);
    }
    expect(clicked).to.not.equal(null);
    const link = clicked as unknown as HTMLAnchorElement;
    expect(link.download).to.equal('view.cellucid-session');
    expect(link.href.startsWith('blob:')).to.equal(true);
    expect(link.isConnected).to.equal(false);
    expect(await contentAtClick).to.deep.equal(new Uint8Array([9, 8, 7]));
    // Revoked about a second later: wait for it rather than for a fixed time.
    const deadline = performance.now() + 30000;
    let revoked = false;
    while (!revoked && performance.now() < deadline) {
      await fetch(link.href).then(
        () => new Promise((resolve) => setTimeout(resolve, 100)),
        () => (revoked = true),
      );
    }
    expect(revoked).to.equal(true);
  });

  it('names files after the Cellucid pattern and keeps requested names safe', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(sessionFileName(at)).to.equal('cellucid-session-2026-01-02T03-04-05.cellucid-session');
    expect(safeSessionFileName(undefined, at)).to.equal('cellucid-session-2026-01-02T03-04-05.cellucid-session');
    expect(safeSessionFileName('  ', at)).to.equal('cellucid-session-2026-01-02T03-04-05.cellucid-session');
    expect(safeSessionFileName('my view')).to.equal('my view.cellucid-session');
    expect(safeSessionFileName('Figure 2.CELLUCID-SESSION')).to.equal('Figure 2.CELLUCID-SESSION');
    expect(safeSessionFileName('../../etc/passwd')).to.equal('-..-etc-passwd.cellucid-session');
    expect(safeSessionFileName('a<b>:c\u0000.cellucid-session')).to.equal('a-b-c-.cellucid-session');
  });
});
