// Reads the four manifest formats ECR accepts (docker schema 2, OCI manifest, docker manifest
// list, OCI index) far enough to know what they reference, how big the image is, and (OCI 1.1)
// which manifest it refers to through `subject`.
import type { ManifestProblem } from './types.js';

/** The manifest media types ECR stores. */
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const IMAGE_TYPES = new Set([DOCKER_MANIFEST, OCI_MANIFEST]);
const INDEX_TYPES = new Set([DOCKER_LIST, OCI_INDEX]);

/** A content descriptor as manifests carry them. */
interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly size: number;
  readonly urls?: readonly string[];
}

/** What a manifest says about itself. */
export interface ParsedManifest {
  readonly mediaType: string;
  /** Blobs (config, layers) that must be linked to the repository. */
  readonly blobs: readonly string[];
  /** Child manifests (index only) that must be images of the repository. */
  readonly children: readonly string[];
  /** config + layers; 0 for an index (the caller takes the largest child). */
  readonly sizeInBytes: number;
  readonly artifactMediaType?: string;
  /** The `subject` descriptor's digest (OCI 1.1): the manifest this one is a referrer of. */
  readonly subject?: string;
  /**
   * What the referrers API lists it as: the manifest's `artifactType`, else (image manifests
   * only) the config media type; an index without one has none (distribution-spec 1.1).
   */
  readonly artifactType?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** True for a sha256 digest in canonical form; the only algorithm the store keeps. */
export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

/** The manifest's own `artifactType`, when it is a non-empty string. */
function ownArtifactType(doc: Record<string, unknown>): string | undefined {
  return typeof doc.artifactType === 'string' && doc.artifactType !== '' ? doc.artifactType : undefined;
}

/** The subject's digest; a `subject` that is present but no descriptor makes the manifest invalid. */
function subjectOf(doc: Record<string, unknown>): { subject?: string } | { problem: ManifestProblem } {
  if (doc.subject === undefined) return {};
  const d = descriptor(doc.subject);
  return d ? { subject: d.digest } : invalid('manifest invalid: bad subject descriptor');
}

function invalid(message: string): { problem: ManifestProblem } {
  return { problem: { code: 'MANIFEST_INVALID', message } };
}

function descriptor(value: unknown): Descriptor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const d = value as Partial<Descriptor>;
  if (typeof d.digest !== 'string' || !isDigest(d.digest)) return undefined;
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) return undefined;
  return d as Descriptor;
}

/** The media type the manifest is stored under: the request's, else its own field, else its shape. */
function resolveType(body: Record<string, unknown>, contentType: string | undefined): string | undefined {
  const header = contentType?.split(';')[0]?.trim();
  if (header && (IMAGE_TYPES.has(header) || INDEX_TYPES.has(header))) return header;
  if (typeof body.mediaType === 'string') return body.mediaType;
  if (Array.isArray(body.manifests)) return OCI_INDEX;
  if (body.config !== undefined) return OCI_MANIFEST;
  return undefined;
}

/** Parses manifest bytes; `contentType` is the Content-Type the client sent, if any. */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ParsedManifest | { problem: ManifestProblem } {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    return invalid('manifest invalid: not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('manifest invalid: not a JSON object');
  const doc = body as Record<string, unknown>;
  if (doc.schemaVersion !== 2) return invalid('manifest invalid: schemaVersion must be 2');
  const mediaType = resolveType(doc, contentType);
  if (mediaType === undefined || !(IMAGE_TYPES.has(mediaType) || INDEX_TYPES.has(mediaType))) {
    return invalid(`manifest invalid: unsupported media type ${mediaType ?? '(none)'}`);
  }
  if (typeof doc.mediaType === 'string' && doc.mediaType !== mediaType) {
    return invalid(`manifest invalid: media type ${doc.mediaType} does not match ${mediaType}`);
  }
  const subject = subjectOf(doc);
  if ('problem' in subject) return subject;
  if (INDEX_TYPES.has(mediaType)) {
    const list = Array.isArray(doc.manifests) ? doc.manifests.map(descriptor) : undefined;
    if (!list || list.some((d) => d === undefined)) return invalid('manifest invalid: bad manifests list');
    return {
      mediaType, blobs: [], children: (list as Descriptor[]).map((d) => d.digest), sizeInBytes: 0,
      ...subject, artifactType: ownArtifactType(doc),
    };
  }
  const config = descriptor(doc.config);
  const layers = Array.isArray(doc.layers) ? doc.layers.map(descriptor) : undefined;
  if (!config || !layers || layers.some((d) => d === undefined)) return invalid('manifest invalid: bad config or layers');
  const all = [config, ...(layers as Descriptor[])];
  return {
    mediaType,
    // Foreign layers (with urls) live elsewhere and are never pushed.
    blobs: [...new Set(all.filter((d) => !d.urls?.length).map((d) => d.digest))],
    children: [],
    sizeInBytes: all.reduce((sum, d) => sum + d.size, 0),
    artifactMediaType: config.mediaType,
    ...subject,
    artifactType: ownArtifactType(doc) ?? config.mediaType,
  };
}

/** The manifest's `annotations` (string values only), for its descriptor in a referrers list. */
export function annotationsOf(bytes: Buffer): Readonly<Record<string, string>> | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  const raw = (doc as { annotations?: unknown } | null)?.annotations;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const kept = Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string');
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
