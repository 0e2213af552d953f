// A view ⇄ the value of a link's fragment parameter: version byte + raw deflate, in base64url.
// Too big for its budget, the encoder leaves out whole parts, in this order, and says which:
//   1. highlight groups, the largest first (a group goes with its cells, never cut);
//   2. the snapshots (the layout goes back to a single live view);
//   3. the field and category renames;
//   4. the filters.
// Fingerprint, embedding, coloured field and camera always stay; if even they do not fit, it throws.
import { dict } from '../dict.js';
import { emptyViews } from '../state/views.js';
import { toBase64url, fromBase64url } from './base64url.js';
import { deflateRaw, inflateRawBounded } from './deflate.js';
import { readShareJson } from './from-json.js';
import { fail, ShareLinkError } from './json-reader.js';
import type { OmittedPart, ShareView } from './share-view.js';
import { shareCellSets, shareJson } from './to-json.js';
import { decodeBody, encodeBody, SHARE_FORMAT_VERSION } from './wire.js';

/** Default budget: links of up to 8,000 characters pass through mail, chat and web servers. */
export const DEFAULT_SHARE_BUDGET = 8_000;
/** Longest value a decoder reads, and largest budget an encoder accepts. */
export const MAX_SHARE_CHARS = 200_000;
/** Most bytes a link may inflate to (a long run of neighbouring cells compresses ~1000-fold). */
export const MAX_SHARE_BODY_BYTES = 16 * 1024 * 1024;

export interface EncodedShareView {
  /** The fragment parameter's value (base64url). */
  value: string;
  /** What was left out to fit the budget; empty when the whole view fits. */
  omitted: OmittedPart[];
}

async function encodeOnce(view: ShareView, omitted: readonly OmittedPart[]): Promise<string> {
  const body = await deflateRaw(encodeBody(shareJson(view, omitted), shareCellSets(view)));
  const bytes = new Uint8Array(body.length + 1);
  bytes[0] = SHARE_FORMAT_VERSION;
  bytes.set(body, 1);
  return toBase64url(bytes);
}

/** The next part to leave out, or null when only the parts that always stay are left. */
function leaveOutNext(view: ShareView): { view: ShareView; part: OmittedPart } | null {
  const groups = view.highlights.pages.flatMap((p) => p.groups);
  if (groups.length > 0) {
    const largest = groups.reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
    const pages = view.highlights.pages.map((p) => ({ ...p, groups: p.groups.filter((g) => g !== largest) }));
    const description = `highlight group "${largest.label}" (${largest.cells.length} cells)`;
    return {
      view: { ...view, highlights: { ...view.highlights, pages } },
      part: { part: 'highlight-group', id: largest.id, description },
    };
  }
  if (view.views.snapshots.length > 0) {
    return { view: { ...view, views: emptyViews() }, part: { part: 'snapshots', description: 'snapshots and layout' } };
  }
  if (view.renames.fields.size + view.renames.categories.size > 0) {
    const renames = { fields: new Map(), categories: new Map() };
    return { view: { ...view, renames }, part: { part: 'renames', description: 'field and category names' } };
  }
  if (Object.keys(view.filters.categories).length + Object.keys(view.filters.ranges).length > 0)
    return {
      view: { ...view, filters: { categories: dict(), ranges: dict() } },
      part: { part: 'filters', description: 'filters' },
    };
  return null;
}

export async function encodeShareView(
  view: ShareView,
  { budget = DEFAULT_SHARE_BUDGET }: { budget?: number } = {},
): Promise<EncodedShareView> {
  if (!Number.isInteger(budget) || budget < 1 || budget > MAX_SHARE_CHARS)
    throw new RangeError(`A share link budget is a whole number of characters from 1 to ${MAX_SHARE_CHARS}.`);
  let current = view;
  const omitted: OmittedPart[] = [];
  for (;;) {
    const value = await encodeOnce(current, omitted);
    if (value.length <= budget) return { value, omitted };
    const next = leaveOutNext(current);
    if (!next)
      throw new ShareLinkError(`The view does not fit in ${budget} characters, even with only its field and camera.`);
    current = next.view;
    omitted.push(next.part);
  }
}

export interface DecodedShareView {
  view: ShareView;
  /** What the sender's link left out (the reader may say so). */
  omitted: OmittedPart[];
}

/**
 * The view in a link's value. Untrusted: every length is bounded before it is allocated, cells
 * must be below `cellCount` (the open dataset's), and errors are ShareLinkErrors in plain words.
 */
export async function decodeShareView(
  value: string,
  { cellCount, maxChars = MAX_SHARE_CHARS }: { cellCount: number; maxChars?: number },
): Promise<DecodedShareView> {
  if (!Number.isSafeInteger(cellCount) || cellCount < 0)
    throw new RangeError(`decodeShareView needs the open dataset's cell count, not ${String(cellCount)}.`);
  if (typeof value !== 'string' || value.length === 0) fail('it is empty');
  if (value.length > maxChars) fail(`it is ${value.length} characters long (at most ${maxChars})`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(value);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (bytes[0] !== SHARE_FORMAT_VERSION)
    fail(`it is version ${bytes[0] ?? 'none'} of the link format; this viewer reads version ${SHARE_FORMAT_VERSION}`);
  let read: ReturnType<typeof readShareJson> | null = null;
  try {
    const body = await inflateRawBounded(bytes.subarray(1), MAX_SHARE_BODY_BYTES);
    const { cellSets } = decodeBody(body, cellCount, (json) => {
      read = readShareJson(json);
      return shareCellSets(read.view).length;
    });
    const groups = read!.view.highlights.pages.flatMap((p) => p.groups);
    groups.forEach(
      (g, i) => (g.cells = cellSets[i].length > 0 ? cellSets[i] : fail(`highlight group "${g.label}" has no cells`)),
    );
    return read!;
  } catch (err) {
    if (err instanceof ShareLinkError) throw err;
    return fail(err instanceof Error ? err.message : String(err));
  }
}
