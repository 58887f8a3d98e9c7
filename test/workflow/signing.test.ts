// The signing primitives: cosign's payload bytes, the key pair in the state dir (mode 0600,
// reused), and verification that fails on a tampered payload, digest, repository or key.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COSIGN_SIGNATURE_ANNOTATION, checkSignature, loadOrCreateSigningKey, sha256Digest, signPayload, signatureManifest,
  simpleSigningPayload, type SigningKey,
} from '../../src/workflow/signing.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const REF = '127.0.0.1:5000/ecr-lab/demo';
const SUBJECT = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST, size: 400 };

let dir: string;
let key: SigningKey;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-sign-'));
  key = await loadOrCreateSigningKey(dir);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

function signed(payload = simpleSigningPayload(REF, DIGEST)): { manifest: Buffer; payload: Buffer } {
  return { manifest: signatureManifest(payload, signPayload(payload, key.privateKey), SUBJECT), payload };
}

describe('cosign simple signing', () => {
  it('writes the payload exactly as cosign does', () => {
    expect(simpleSigningPayload(REF, DIGEST).toString()).toBe(
      `{"critical":{"identity":{"docker-reference":"${REF}"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`,
    );
  });

  it('keeps a P-256 key pair in the state dir, the private key mode 0600, and reuses it', async () => {
    expect(key.created).toBe(true);
    expect((await stat(key.privateKeyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(key.publicKeyFile, 'utf8')).toBe(key.publicKeyPem);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const again = await loadOrCreateSigningKey(dir);
    expect(again.created).toBe(false);
    expect(again.fingerprint).toBe(key.fingerprint);
  });

  it('builds the artifact manifest: empty config, the payload as the one layer, subject and artifactType', () => {
    const { manifest, payload } = signed();
    const m = JSON.parse(manifest.toString()) as {
      artifactType: string; config: unknown; subject: unknown;
      layers: { digest: string; annotations: Record<string, string> }[];
    };
    expect(m.artifactType).toBe('application/vnd.dev.cosign.artifact.sig.v1+json');
    expect(m.config).toEqual({ mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(Buffer.from('{}')), size: 2 });
    expect(m.layers).toHaveLength(1);
    expect(m.layers[0]!.digest).toBe(sha256Digest(payload));
    expect(m.layers[0]!.annotations[COSIGN_SIGNATURE_ANNOTATION]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(m.subject).toEqual(SUBJECT);
  });

  it('verifies a good signature', () => {
    const { manifest, payload } = signed();
    expect(checkSignature(manifest, payload, key.publicKey, DIGEST)).toEqual({ ok: true });
  });

  it('fails on a tampered payload, even when the layer digest is made to match', () => {
    const { manifest, payload } = signed();
    const tampered = Buffer.from(payload.toString().replace(DIGEST, `sha256:${'cd'.repeat(32)}`));
    expect(checkSignature(manifest, tampered, key.publicKey, DIGEST).ok).toBe(false);
    const m = JSON.parse(manifest.toString()) as { layers: { digest: string }[] };
    m.layers[0]!.digest = sha256Digest(tampered);
    const check = checkSignature(Buffer.from(JSON.stringify(m)), tampered, key.publicKey, DIGEST);
    expect(check).toEqual({ ok: false, problem: 'invalid signature when validating ASN.1 encoded signature' });
  });

  it('fails for another key and for another digest', () => {
    const { manifest, payload } = signed();
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(checkSignature(manifest, payload, other, DIGEST).ok).toBe(false);
    expect(checkSignature(manifest, payload, key.publicKey, `sha256:${'00'.repeat(32)}`).problem).toBe(`invalid or missing digest in claim: ${DIGEST}`);
  });
});
