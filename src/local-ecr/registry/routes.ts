// Which registry endpoint a path names. Repository names contain `/`, so the path is matched
// by its fixed suffixes (`/manifests/<ref>`, `/blobs/uploads/<id>`, ...), never split on `/`.

/** A parsed `/v2/...` path. */
export type Route =
  | { readonly kind: 'ping' }
  | { readonly kind: 'tags'; readonly name: string }
  | { readonly kind: 'manifest'; readonly name: string; readonly ref: string }
  | { readonly kind: 'uploads'; readonly name: string }
  | { readonly kind: 'upload'; readonly name: string; readonly id: string }
  | { readonly kind: 'blob'; readonly name: string; readonly digest: string }
  | { readonly kind: 'referrers'; readonly name: string; readonly digest: string }
  | { readonly kind: 'unknown' };

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Route][] = [
  [/^(.+)\/tags\/list$/, (m) => ({ kind: 'tags', name: m[1] as string })],
  [/^(.+)\/manifests\/([^/]+)$/, (m) => ({ kind: 'manifest', name: m[1] as string, ref: m[2] as string })],
  [/^(.+)\/blobs\/uploads\/?$/, (m) => ({ kind: 'uploads', name: m[1] as string })],
  [/^(.+)\/blobs\/uploads\/([^/]+)$/, (m) => ({ kind: 'upload', name: m[1] as string, id: m[2] as string })],
  [/^(.+)\/blobs\/([^/]+)$/, (m) => ({ kind: 'blob', name: m[1] as string, digest: m[2] as string })],
  [/^(.+)\/referrers\/([^/]+)$/, (m) => ({ kind: 'referrers', name: m[1] as string, digest: m[2] as string })],
];

/** Parses the path part of a request URL (no query). */
export function parseRoute(pathname: string): Route {
  if (pathname === '/v2' || pathname === '/v2/') return { kind: 'ping' };
  if (!pathname.startsWith('/v2/')) return { kind: 'unknown' };
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(4));
  } catch {
    return { kind: 'unknown' };
  }
  for (const [pattern, build] of PATTERNS) {
    const m = pattern.exec(rest);
    if (m) return build(m);
  }
  return { kind: 'unknown' };
}

/** The path of a blob, as Location headers give it. */
export function blobPath(name: string, digest: string): string {
  return `/v2/${name}/blobs/${digest}`;
}

/** The path of an upload in progress. */
export function uploadPath(name: string, id: string): string {
  return `/v2/${name}/blobs/uploads/${id}`;
}

/** The path of a manifest by digest. */
export function manifestPath(name: string, digest: string): string {
  return `/v2/${name}/manifests/${digest}`;
}
