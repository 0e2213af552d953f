// Every method of the element that returns a Promise reports a bad call by rejecting that Promise,
// never by throwing: `el.setActiveField(…).catch(…)` is enough. The list of methods is the one
// custom-elements.json publishes, so a method added later is checked too.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { expectRejection } from './helpers.js';

interface ManifestMember {
  kind: string;
  name: string;
  static?: boolean;
  privacy?: string;
  return?: { type?: { text?: string } };
}

async function promiseMethods(): Promise<string[]> {
  const manifest = await (await fetch('/custom-elements.json')).json();
  const viewer = manifest.modules
    .flatMap((m: { declarations?: unknown[] }) => m.declarations ?? [])
    .find((d: { tagName?: string }) => d.tagName === 'cellucid-viewer');
  return (viewer.members as ManifestMember[])
    .filter((m) => m.kind === 'method' && !m.static && !m.privacy && /^Promise</.test(m.return?.type?.text ?? ''))
    .map((m) => m.name);
}

describe('<cellucid-viewer> methods that return a Promise', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('reject before a dataset is loaded, or with missing arguments, and never throw', async () => {
    const names = await promiseMethods();
    expect(names).to.include.members(['setActiveField', 'setRange', 'hideField', 'loadState', 'toBlob']);
    el = document.createElement('cellucid-viewer');
    el.setAttribute('autosave', 'off');
    document.body.appendChild(el);
    const call = el as unknown as Record<string, () => unknown>;
    for (const name of names) {
      let result: unknown;
      expect(() => (result = call[name]()), `${name}() throws`).to.not.throw();
      expect(result, `${name}() returns a Promise`).to.be.instanceOf(Promise);
      const outcome = await (result as Promise<unknown>).then(
        () => null,
        (e: unknown) => e,
      );
      if (outcome !== null) expect(outcome, `${name}() rejects with an Error`).to.be.instanceOf(Error);
    }
    await expectRejection(el.setActiveField('obs:cell_type'), /setActiveField: no dataset is loaded yet/);
    await expectRejection(el.setRange('obs:x', null), /setRange: no dataset is loaded yet/);
    await expectRejection(el.hideField('obs:x'), /hideField: no dataset is loaded yet/);
  });
});
