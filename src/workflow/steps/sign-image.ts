// sign-image: signs the pushed image's digest in cosign's format with ecr-lab's own key, pushes
// the signature as an OCI 1.1 artifact (subject = the image, also tagged `sha256-<hex>.sig` as
// cosign does), then reads the image's referrers back and verifies the signature with the
// public key. Docker cannot push artifacts, so with either engine the push goes through the
// built-in registry client, as cosign itself talks to the registry without docker.
import { dirname } from 'node:path';
import { signCommands } from '../../core/commands.js';
import { StepFailure } from '../errors.js';
import { RegistryClient } from '../engines/builtin/registry-client.js';
import type { HttpResponse } from '../engines/builtin/http.js';
import {
  COSIGN_SIGNATURE_ARTIFACT_TYPE, OCI_EMPTY_CONTENT, OCI_MANIFEST_MEDIA_TYPE, checkSignature, loadOrCreateSigningKey,
  sha256Digest, signPayload, signatureManifest, simpleSigningPayload, type SigningKey,
} from '../signing.js';
import type { StepImpl, StepScope } from './scope.js';
import { text } from './scope.js';

/** cosign's default tag for the signatures of `digest`. */
function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/** The registry's error body as docker and cosign print it (`manifest invalid: …`). */
async function failure(res: HttpResponse, what: string): Promise<StepFailure> {
  let first: { code?: string; message?: string } | undefined;
  try {
    first = ((await res.json()) as { errors?: { code?: string; message?: string }[] }).errors?.[0];
  } catch {
    first = undefined;
  }
  if (first?.code) return new StepFailure(first.code, `${what}: ${first.code.toLowerCase().replaceAll('_', ' ')}: ${first.message ?? ''}`);
  return new StepFailure(`HTTP_${res.status}`, `${what}: unexpected status from the registry: ${res.status} ${res.statusText}`);
}

/** A registry client logged in with a fresh GetAuthorizationToken, whatever the image engine. */
async function registryClient(s: StepScope): Promise<RegistryClient> {
  const token = (await s.ecr.getAuthorizationToken({}, s.signal)).authorizationData?.[0]?.authorizationToken ?? '';
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (!token || colon < 0) throw new StepFailure('InvalidToken', 'GetAuthorizationToken returned no usable token');
  s.secret(token);
  s.secret(decoded.slice(colon + 1));
  const client = new RegistryClient(s.target.registry, { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }, s.signal);
  await client.ping();
  return client;
}

async function uploadIfMissing(client: RegistryClient, repository: string, bytes: Buffer): Promise<void> {
  const digest = sha256Digest(bytes);
  if (!await client.hasBlob(repository, digest)) await client.uploadBlob(repository, digest, bytes);
}

/** The signature already under the `.sig` tag, when it is ours and still verifies. */
async function existingSignature(
  client: RegistryClient, repository: string, tag: string, key: SigningKey, digest: string,
): Promise<string | undefined> {
  const res = await client.request('GET', `/v2/${repository}/manifests/${tag}`, { accept: OCI_MANIFEST_MEDIA_TYPE });
  if (res.status !== 200) {
    await res.arrayBuffer();
    return undefined;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  const payload = await signedPayload(client, repository, bytes);
  return payload && checkSignature(bytes, payload, key.publicKey, digest).ok ? sha256Digest(bytes) : undefined;
}

/** The simple signing layer's bytes of a signature manifest, if it has one. */
async function signedPayload(client: RegistryClient, repository: string, manifest: Buffer): Promise<Buffer | undefined> {
  let layers: { digest?: string }[] | undefined;
  try {
    layers = (JSON.parse(manifest.toString('utf8')) as { layers?: { digest?: string }[] }).layers;
  } catch {
    return undefined;
  }
  const digest = layers?.[0]?.digest;
  return digest ? client.getBlob(repository, digest) : undefined;
}

export const signImage: StepImpl = async (s, p) => {
  const [repository, tag] = [text(p, 'repository'), text(p, 'tag')];
  if (s.engine.name === 'docker') {
    s.print('[docker engine] docker cannot push OCI artifacts: the signature goes through ecr-lab\'s built-in registry client, as cosign talks to the registry itself');
  } else {
    s.print('[built-in engine] sign-image: standing in for cosign, with ecr-lab\'s own key in cosign\'s format (not Sigstore, not AWS Signer or KMS)');
  }
  const client = await registryClient(s);
  const image = await client.getManifest(repository, tag);
  const digest = sha256Digest(image.bytes);
  if (image.digest && image.digest !== digest) {
    throw new StepFailure('DigestMismatch', `the registry answered ${image.digest} for ${tag} but the manifest's bytes hash to ${digest}`);
  }
  const uri = `${s.target.registry}/${repository}`;

  const key = await loadOrCreateSigningKey(dirname(s.ledger.file));
  s.print(`${key.created ? 'created' : 'using'} signing key: public key ${key.publicKeyFile} (${key.fingerprint}); the private key stays in ${key.privateKeyFile}, mode 0600`);
  // cosign sign --key wants cosign's own encrypted key file; cosign verify reads the PEM as is.
  s.print(`by hand: \`cosign import-key-pair --key ${key.privateKeyFile}\` turns it into cosign's import-cosign.key`);
  s.print(`signing ${uri}@${digest}`);

  const sigTag = signatureTag(digest);
  let signatureDigest = await existingSignature(client, repository, sigTag, key, digest);
  if (signatureDigest) {
    s.print(`${sigTag} already holds a signature by this key (${signatureDigest}); not signing again`);
  } else {
    const payload = simpleSigningPayload(uri, digest);
    const manifest = signatureManifest(payload, signPayload(payload, key.privateKey), { mediaType: image.mediaType, digest, size: image.bytes.length });
    await uploadIfMissing(client, repository, OCI_EMPTY_CONTENT);
    await uploadIfMissing(client, repository, payload);
    const res = await client.request('PUT', `/v2/${repository}/manifests/${sigTag}`, { 'content-type': OCI_MANIFEST_MEDIA_TYPE }, manifest);
    if (res.status !== 201) throw await failure(res, `pushing ${sigTag}`);
    await res.arrayBuffer();
    signatureDigest = res.headers.get('docker-content-digest') ?? sha256Digest(manifest);
    s.print(`pushed ${uri}:${sigTag} -> ${signatureDigest}`);
    const subject = res.headers.get('oci-subject');
    s.print(subject ? `OCI-Subject: ${subject} (the registry indexed it as a referrer of the image)` : 'no OCI-Subject header: the registry did not index the subject');
  }

  const listed = await client.request('GET', `/v2/${repository}/referrers/${digest}?artifactType=${encodeURIComponent(COSIGN_SIGNATURE_ARTIFACT_TYPE)}`, { accept: 'application/vnd.oci.image.index.v1+json' });
  if (listed.status !== 200) throw await failure(listed, `listing the referrers of ${digest}`);
  const referrers = ((await listed.json()) as { manifests?: { digest: string; artifactType?: string; mediaType: string }[] }).manifests ?? [];
  s.print(`referrers of ${digest}: ${referrers.length}`);
  for (const r of referrers) s.print(`  ${r.digest}  ${r.artifactType ?? r.mediaType}`);
  if (!referrers.some((r) => r.digest === signatureDigest)) {
    throw new StepFailure('ReferrerNotFound', `the signature ${signatureDigest} is not among the referrers of ${digest}`);
  }

  const signature = await client.getManifest(repository, signatureDigest);
  const payload = await signedPayload(client, repository, signature.bytes);
  const check = payload ? checkSignature(signature.bytes, payload, key.publicKey, digest) : { ok: false, problem: 'the signature manifest has no payload layer' };
  if (!check.ok) throw new StepFailure('SignatureVerificationFailed', `error: no matching signatures: ${check.problem}`);
  s.print(`verified with ${key.publicKeyFile}: the signature covers ${digest} in ${uri}`);

  return {
    summary: `${uri}@${digest} is signed: the signature is an OCI artifact whose subject is the image, and it verifies with ecr-lab's public key. It is ecr-lab's own key in cosign's format, not Sigstore and not AWS Signer or KMS.`,
    verified: [
      { label: 'image digest', value: digest },
      { label: 'signature (referrer)', value: signatureDigest },
      { label: 'artifactType', value: COSIGN_SIGNATURE_ARTIFACT_TYPE },
      { label: 'cosign tag', value: sigTag },
      { label: 'public key', value: `${key.publicKeyFile} (${key.fingerprint})` },
    ],
    commands: signCommands(s.target, `${uri}@${digest}`, key.publicKeyFile),
  };
};
