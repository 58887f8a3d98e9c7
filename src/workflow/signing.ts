// Image signing in cosign's own format with node:crypto only: an ECDSA P-256 key pair kept in
// the state directory, cosign's "simple signing" payload for one digest, and the OCI 1.1
// artifact manifest that carries it. Not Sigstore (no Fulcio certificate, no Rekor entry) and
// not AWS Signer or KMS: the key is ecr-lab's own, so that the signature is real and checkable
// offline (`cosign verify --key <public key> --insecure-ignore-tlog`).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { makeDir } from '../state/make-dir.js';
import { join } from 'node:path';

/** cosign's media types and annotation (sigstore/cosign pkg/types and pkg/oci/static). */
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const COSIGN_SIGNATURE_ARTIFACT_TYPE = 'application/vnd.dev.cosign.artifact.sig.v1+json';
export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
/** The OCI empty descriptor's content: the two bytes `{}`. */
export const OCI_EMPTY_CONTENT = Buffer.from('{}');

/** The key pair's files in the state directory. */
export interface SigningKeyFiles {
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
}

/** A loaded key pair; the private key never leaves this object as text. */
export interface SigningKey extends SigningKeyFiles {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** PEM of the public key (SPKI), what `cosign verify --key` reads. */
  readonly publicKeyPem: string;
  /** `SHA256:<base64>` of the DER public key, as ssh-keygen and cosign's tooling print fingerprints. */
  readonly fingerprint: string;
  /** True when this call created the pair. */
  readonly created: boolean;
}

export function signingKeyFiles(stateDir: string): SigningKeyFiles {
  const dir = join(stateDir, 'signing');
  return { privateKeyFile: join(dir, 'cosign-ecr-lab.key'), publicKeyFile: join(dir, 'cosign-ecr-lab.pub') };
}

export function fingerprintOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function writeAtomic(file: string, text: string, mode: number, isDurable: boolean): Promise<void> {
  const { writeFileAtomic, writeFileDurably } = await import('../local-ecr/store/persister.js');
  await (isDurable ? writeFileDurably : writeFileAtomic)(file, text, mode);
}

/**
 * The state directory's signing key, created on first use. The private key is written first
 * and alone decides: the public key file is always re-derived from it, so the two never disagree.
 */
export async function loadOrCreateSigningKey(stateDir: string): Promise<SigningKey> {
  const files = signingKeyFiles(stateDir);
  let pem = await readIfPresent(files.privateKeyFile);
  const created = pem === undefined;
  if (pem === undefined) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await makeDir(join(files.privateKeyFile, '..'), 0o700);
    await writeAtomic(files.privateKeyFile, pem, 0o600, true);
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${files.privateKeyFile} is not an ECDSA P-256 key; move it aside to get a new one`);
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // Not fsynced: a public key lost in a crash is derived and written again at the next signing.
  if (await readIfPresent(files.publicKeyFile) !== publicKeyPem) await writeAtomic(files.publicKeyFile, publicKeyPem, 0o644, false);
  return { ...files, privateKey, publicKey, publicKeyPem, fingerprint: fingerprintOf(publicKey), created };
}

/**
 * cosign's simple signing payload, byte for byte as cosign's Go json.Marshal writes it
 * (compact, fields in struct order, no trailing newline).
 */
export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return Buffer.from(JSON.stringify({
    critical: {
      identity: { 'docker-reference': dockerReference },
      image: { 'docker-manifest-digest': digest },
      type: 'cosign container image signature',
    },
    optional: null,
  }));
}

/** ECDSA over SHA-256, DER-encoded, base64: the annotation's value. */
export function signPayload(payload: Buffer, privateKey: KeyObject): string {
  return sign('sha256', payload, privateKey).toString('base64');
}

export function verifyPayload(payload: Buffer, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', payload, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** An OCI descriptor as a manifest lists it. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The signature manifest: empty config, the payload as its one layer, `subject` = the image. */
export function signatureManifest(payload: Buffer, signature: string, subject: Descriptor): Buffer {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_MEDIA_TYPE,
    artifactType: COSIGN_SIGNATURE_ARTIFACT_TYPE,
    config: { mediaType: OCI_EMPTY_MEDIA_TYPE, digest: sha256Digest(OCI_EMPTY_CONTENT), size: OCI_EMPTY_CONTENT.length },
    layers: [{
      mediaType: SIMPLE_SIGNING_MEDIA_TYPE, digest: sha256Digest(payload), size: payload.length,
      annotations: { [COSIGN_SIGNATURE_ANNOTATION]: signature },
    }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  }));
}

/** What checking one signature found; `problem` says why it does not hold. */
export interface SignatureCheck {
  readonly ok: boolean;
  readonly problem?: string;
}

/**
 * Checks a signature manifest and its payload the way `cosign verify --key` does: the layer's
 * bytes match its digest, the signature verifies with the key, and the payload's
 * `docker-manifest-digest` is this digest. Like cosign's SimpleClaimVerifier, it does not
 * compare `docker-reference`: a signature stays valid when the image is copied elsewhere.
 */
export function checkSignature(manifestBytes: Buffer, payload: Buffer, publicKey: KeyObject, digest: string): SignatureCheck {
  let manifest: { layers?: Descriptor[] };
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as typeof manifest;
  } catch {
    return { ok: false, problem: 'the signature manifest is not JSON' };
  }
  const layer = manifest.layers?.find((l) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE);
  const signature = layer?.annotations?.[COSIGN_SIGNATURE_ANNOTATION];
  if (!layer || !signature) return { ok: false, problem: `no ${SIMPLE_SIGNING_MEDIA_TYPE} layer with a ${COSIGN_SIGNATURE_ANNOTATION} annotation` };
  if (sha256Digest(payload) !== layer.digest) return { ok: false, problem: `the payload's bytes do not match its digest ${layer.digest}` };
  // cosign's (sigstore's ECDSA verifier's) own text for a signature that does not verify.
  if (!verifyPayload(payload, signature, publicKey)) return { ok: false, problem: 'invalid signature when validating ASN.1 encoded signature' };
  let claims: { critical?: { image?: { 'docker-manifest-digest'?: string } } };
  try {
    claims = JSON.parse(payload.toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, problem: 'the payload is not JSON' };
  }
  const found = claims.critical?.image?.['docker-manifest-digest'] ?? '';
  if (found !== digest) return { ok: false, problem: `invalid or missing digest in claim: ${found}` };
  return { ok: true };
}
