// OCI 1.1 referrers of an image (signatures, SBOMs, attestations): the manifests of a repository
// whose `subject` is that image's digest. One query for the registry's `GET /referrers/<digest>`
// and the control plane's ListImageReferrers, so the two always agree.
import { annotationsOf } from './store/manifest.js';
import type { ImageRecord, Store } from './store/types.js';

/** A referrer as both APIs describe it (an OCI descriptor plus the image it is). */
export interface Referrer {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly image: ImageRecord;
}

/** Notation's and cosign's signature artifact types: what makes a referrer a signature. */
export const SIGNATURE_ARTIFACT_TYPES: readonly string[] = [
  'application/vnd.cncf.notary.signature',
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  // cosign's sigstore bundle format (cosign 2.4+ with --new-bundle-format).
  'application/vnd.dev.sigstore.bundle.v0.3+json',
];

/**
 * The referrers of `subject` in `repository`, oldest push first; with `artifactTypes`, only
 * those whose artifactType is one of them.
 */
export async function listReferrers(store: Store, repository: string, subject: string, artifactTypes?: readonly string[]): Promise<Referrer[]> {
  const images = store.listImages(repository)
    .filter((i) => i.subject === subject)
    .filter((i) => !artifactTypes?.length || (i.artifactType !== undefined && artifactTypes.includes(i.artifactType)))
    .sort((a, b) => a.pushedAt - b.pushedAt || a.digest.localeCompare(b.digest));
  const referrers: Referrer[] = [];
  for (const image of images) {
    const bytes = await store.readManifest(repository, image.digest);
    const annotations = bytes ? annotationsOf(bytes) : undefined;
    referrers.push({
      mediaType: image.manifestMediaType, digest: image.digest, size: image.manifestSize,
      ...(image.artifactType ? { artifactType: image.artifactType } : {}),
      ...(annotations ? { annotations } : {}),
      image,
    });
  }
  return referrers;
}

/**
 * cosign's default (legacy) place for a signature: the tag `sha256-<hex>.sig` in the same
 * repository, with no `subject`; what `cosign sign` pushes unless told to use OCI 1.1 referrers.
 */
export function cosignSignatureTag(subject: string): string {
  return `${subject.replace(':', '-')}.sig`;
}

/** True when `subject` has a Notation or cosign signature: a referrer, or cosign's `.sig` tag. */
export async function hasSignature(store: Store, repository: string, subject: string): Promise<boolean> {
  if (store.resolveTag(repository, cosignSignatureTag(subject)) !== undefined) return true;
  return (await listReferrers(store, repository, subject, SIGNATURE_ARTIFACT_TYPES)).length > 0;
}
