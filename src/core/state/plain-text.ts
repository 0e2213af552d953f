/**
 * A label as the viewer keeps it: control characters become spaces, the ends are trimmed, and it
 * is cut at `max` characters; anything but a string is ''. Labels are shown as text, never HTML.
 */
export function plainText(value: unknown, max: number): string {
  return typeof value === 'string'
    ? value
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .trim()
        .slice(0, max)
    : '';
}
