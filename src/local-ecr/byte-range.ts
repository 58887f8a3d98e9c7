// The `Range` header of a blob GET, read as RFC 9110 says: one answer for the registry's blob
// route and the layer download URL (which stands in for S3).

/**
 * A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range within `size` (RFC 9110 §14); undefined
 * when there is none or it cannot be read (then the whole blob is sent, as the RFC says);
 * 'unsatisfiable' when it lies wholly past the end (answered 416).
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(size - suffix, 0), end: size - 1 } : 'unsatisfiable';
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] ? Math.min(Number(m[2]), size - 1) : size - 1 };
}
