// Docker image references: `[registry/]repository[:tag][@digest]`, split the way docker does
// (the first component is a registry when it has a `.` or `:` or is `localhost`).

/** A parsed image reference. */
export interface ImageReference {
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Parses `ref`; throws docker's own `invalid reference format` message when it does not fit. */
export function parseReference(ref: string): ImageReference {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const first = rest.split('/')[0] ?? '';
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : undefined;
  const repository = hasRegistry ? rest.slice(first.length + 1) : rest;
  if (/[A-Z]/.test(repository)) throw new Error(`invalid reference format: repository name (${repository}) must be lowercase`);
  if (!NAME.test(repository) || (tag !== undefined && !TAG.test(tag)) || (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest))) {
    throw new Error('invalid reference format');
  }
  return { registry, repository, tag, digest };
}

/** The canonical key of a reference: `name:tag` (tag defaults to latest) or `name@digest`. */
export function referenceKey(ref: string): string {
  const r = parseReference(ref);
  const name = r.registry ? `${r.registry}/${r.repository}` : r.repository;
  return r.digest ? `${name}@${r.digest}` : `${name}:${r.tag ?? 'latest'}`;
}

/** `registry/repository` without tag or digest. */
export function referenceName(ref: string): string {
  const r = parseReference(ref);
  return r.registry ? `${r.registry}/${r.repository}` : r.repository;
}
