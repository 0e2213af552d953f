// Share links: a view in a URL fragment parameter. Pure core: browsers, workers and Node.
export { shareViewOf, type OmittedPart, type ShareRenames, type ShareView } from './share-view.js';
export {
  decodeShareView,
  DEFAULT_SHARE_BUDGET,
  encodeShareView,
  MAX_SHARE_BODY_BYTES,
  MAX_SHARE_CHARS,
  type DecodedShareView,
  type EncodedShareView,
} from './codec.js';
export { ShareLinkError } from './json-reader.js';
export { readShareParameter, shareParameterName, withShareParameter, writeShareParameter } from './fragment.js';
