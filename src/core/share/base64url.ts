// base64url without padding (RFC 4648 §5): the alphabet a URL fragment carries unescaped, through
// the runtime's base64 (btoa, atob) with '-' and '_' for '+' and '/'.

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

export function fromBase64url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error('the link is cut short (its length is not a base64url length)');
  // The alphabet is \w (A-Z, a-z, 0-9, _) and '-': atob alone would also take '+', '/', '=' and spaces.
  const bad = /[^\w-]/.exec(text);
  if (bad) throw new Error(`the link holds a character base64url has not ("${bad[0]}" at ${bad.index})`);
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}
