// image-index: what `docker buildx imagetools create` does, over the ECR API: read the pushed
// image's manifest and config, write an OCI image index that lists it with its platform
// (PutImage), then read the index back and list its entries the way a client picks one. A tag
// that is an index already (a buildx multi-platform push) is only shown. An entry whose
// platform is unknown/unknown is an attestation (BuildKit's provenance or SBOM).
import { equivalentCommands } from '../../core/commands.js';
import { errorCode, StepFailure } from '../errors.js';
import { sha256Digest } from '../signing.js';
import type { StepImpl, StepReport, StepScope } from './scope.js';
import { text } from './scope.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

interface Descriptor { readonly mediaType?: string; readonly digest: string; readonly size: number; readonly platform?: { os?: string; architecture?: string; variant?: string }; readonly annotations?: Record<string, string> }
interface ManifestJson { readonly mediaType?: string; readonly config?: Descriptor; readonly manifests?: readonly Descriptor[] }

async function getManifest(s: StepScope, repositoryName: string, imageId: { imageTag?: string; imageDigest?: string }): Promise<{ digest: string; mediaType: string; body: string }> {
  const out = await s.ecr.batchGetImage({ repositoryName, imageIds: [imageId] }, s.signal);
  const image = out.images?.[0];
  if (!image?.imageManifest || !image.imageId?.imageDigest) {
    const f = out.failures?.[0];
    const what = `${repositoryName}:${imageId.imageTag ?? imageId.imageDigest}`;
    throw new StepFailure(f?.failureCode ?? 'ImageNotFound', `BatchGetImage found no ${what} (${f?.failureReason ?? 'no image'}): push it first`);
  }
  return { digest: image.imageId.imageDigest, mediaType: image.imageManifestMediaType ?? '', body: image.imageManifest };
}

/** The image's platform from its config blob (GetDownloadUrlForLayer, then a plain GET). */
async function platformOf(s: StepScope, repositoryName: string, config: Descriptor): Promise<{ os: string; architecture: string }> {
  const url = (await s.ecr.getDownloadUrlForLayer({ repositoryName, layerDigest: config.digest }, s.signal)).downloadUrl;
  if (!url) throw new StepFailure('LayerUrlMissing', `GetDownloadUrlForLayer gave no URL for the config ${config.digest}`);
  const res = await fetch(url, { signal: s.signal });
  if (!res.ok) throw new StepFailure('ConfigNotRead', `reading the image config ${config.digest} answered HTTP ${res.status}`);
  const cfg = await res.json() as { os?: string; architecture?: string };
  return { os: cfg.os ?? 'unknown', architecture: cfg.architecture ?? 'unknown' };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function platformText(d: Descriptor): string {
  return `${d.platform?.os ?? '?'}/${d.platform?.architecture ?? '?'}${d.platform?.variant ? `/${d.platform.variant}` : ''}`;
}

/** Prints an index's entries; returns how many are attestations (platform unknown/unknown). */
function listEntries(s: StepScope, entries: readonly Descriptor[]): number {
  let attestations = 0;
  for (const e of entries) {
    const isAttestation = platformText(e) === 'unknown/unknown';
    if (isAttestation) attestations += 1;
    const of = e.annotations?.['vnd.docker.reference.digest'];
    s.print(`  ${platformText(e).padEnd(15)} ${e.digest}${isAttestation ? `  attestation${of ? ` of ${of.slice(0, 19)}…` : ''}, not runnable` : ''}`);
  }
  return attestations;
}

/** The tag is an index already (a multi-platform build): show its entries, change nothing. */
function showIndex(s: StepScope, repositoryName: string, tag: string, image: { digest: string; mediaType: string }, parsed: ManifestJson): StepReport {
  const entries = parsed.manifests ?? [];
  s.print(`${tag}: ${image.digest} is already an index (${image.mediaType}), ${count(entries.length, 'entry', 'entries')}:`);
  const attestations = listEntries(s, entries);
  return {
    summary: `${tag} is an image index with ${count(entries.length - attestations, 'platform image', 'platform images')} and ${count(attestations, 'attestation', 'attestations')}; nothing was changed.`,
    verified: [
      { label: 'index digest', value: image.digest },
      { label: 'index media type', value: image.mediaType },
      { label: 'entries', value: entries.map((e) => `${platformText(e)} ${e.digest}`).join('; ') },
    ],
    commands: equivalentCommands('image-index', { repository: repositoryName, tag, indexTag: tag }, s.target).slice(1),
  };
}

/** PutImage of the index; the same index under the same tag is already there, which is fine. */
async function putIndex(s: StepScope, repositoryName: string, index: string, indexTag: string): Promise<void> {
  try {
    const put = await s.ecr.putImage({ repositoryName, imageManifest: index, imageManifestMediaType: OCI_INDEX, imageTag: indexTag }, s.signal);
    s.print(`PutImage ${indexTag}: ${put.image?.imageId?.imageDigest} (${OCI_INDEX})`);
  } catch (err) {
    if (errorCode(err) !== 'ImageAlreadyExistsException') throw err;
    s.print(`PutImage ${indexTag}: ${sha256Digest(Buffer.from(index))} was already there (ImageAlreadyExistsException: nothing changed)`);
  }
}

export const imageIndex: StepImpl = async (s, p) => {
  const [repositoryName, tag, indexTag] = [text(p, 'repository'), text(p, 'tag'), text(p, 'indexTag')];
  const image = await getManifest(s, repositoryName, { imageTag: tag });
  const parsed = JSON.parse(image.body) as ManifestJson;
  if (!parsed.config) return showIndex(s, repositoryName, tag, image, parsed);
  const platform = await platformOf(s, repositoryName, parsed.config);
  s.print(`${tag}: ${image.digest} (${image.mediaType}), ${platform.os}/${platform.architecture}`);
  const index = JSON.stringify({
    schemaVersion: 2, mediaType: OCI_INDEX,
    manifests: [{ mediaType: image.mediaType, digest: image.digest, size: Buffer.byteLength(image.body), platform }],
  });
  await putIndex(s, repositoryName, index, indexTag);
  const back = await getManifest(s, repositoryName, { imageTag: indexTag });
  const indexDigest = back.digest;
  const entries = (JSON.parse(back.body) as ManifestJson).manifests ?? [];
  s.print(`BatchGetImage ${indexTag}: ${back.mediaType}, ${count(entries.length, 'entry', 'entries')}:`);
  listEntries(s, entries);
  const detail = (await s.ecr.describeImages({ repositoryName, imageIds: [{ imageTag: indexTag }] }, s.signal)).imageDetails?.[0];
  s.print(`DescribeImages ${indexTag}: imageManifestMediaType ${detail?.imageManifestMediaType ?? '-'}`);
  return {
    summary: `${indexTag} is an image index (${indexDigest.slice(0, 19)}…) whose one entry is ${tag} for ${platform.os}/${platform.architecture}; `
      + 'a client pulls the index and picks the entry for its platform. Buildx with several --platform values lists one entry each.',
    verified: [
      { label: 'index digest', value: back.digest },
      { label: 'index media type', value: back.mediaType },
      { label: 'entries', value: entries.map((e) => `${platformText(e)} ${e.digest}`).join('; ') },
    ],
  };
};
