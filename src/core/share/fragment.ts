// Where a viewer's link lives: a parameter of the URL fragment, `cellucid` for a lone viewer and
// `cellucid.<element id>` for one with an id, so several viewers share one URL
// (`#cellucid.left=…&cellucid.right=…`). Other parameters of the fragment are kept as they are.
const PREFIX = 'cellucid';

export function shareParameterName(elementId?: string | null): string {
  return elementId ? `${PREFIX}.${encodeURIComponent(elementId)}` : PREFIX;
}

function tokens(fragment: string): string[] {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return body === '' ? [] : body.split('&');
}

function nameOf(token: string): string {
  const eq = token.indexOf('=');
  const raw = eq < 0 ? token : token.slice(0, eq);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The parameter's value in a fragment ("#a=1&b=2" or "a=1&b=2"), or null. */
export function readShareParameter(fragment: string, name: string): string | null {
  const wanted = decodeURIComponent(name);
  const token = tokens(fragment).find((t) => t.includes('=') && nameOf(t) === wanted);
  return token === undefined ? null : token.slice(token.indexOf('=') + 1);
}

/** The fragment ("#…", or "" when empty) with the parameter set in place, appended, or (null) removed. */
export function writeShareParameter(fragment: string, name: string, value: string | null): string {
  const wanted = decodeURIComponent(name);
  const kept: string[] = [];
  let placed = false;
  for (const t of tokens(fragment)) {
    if (nameOf(t) !== wanted) kept.push(t);
    else if (!placed && value !== null) {
      kept.push(`${name}=${value}`);
      placed = true;
    }
  }
  if (!placed && value !== null) kept.push(`${name}=${value}`);
  return kept.length ? `#${kept.join('&')}` : '';
}

/** `url` with the parameter set in its fragment (the rest of the fragment kept). */
export function withShareParameter(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return base + writeShareParameter(fragment, name, value);
}
