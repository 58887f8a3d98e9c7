// ECR's request validation, one row per (operation, bad input) -> (error, message), sent through
// the real SDK (which validates nothing itself, so every row reaches the local ECR).
import * as ecrSdk from '@aws-sdk/client-ecr';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CONFIG_TYPE, failure, REGION, sha256, startControlHarness, type ControlHarness } from './control-helpers.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const NAME_PATTERN = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
const UPLOAD_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const DIGEST_PATTERN = '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+';
const INVALID_POLICY = "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'";
const INVALID_JSON = "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'";
const bad = (member: string, constraint: string) => `Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'`;

type Input = Record<string, unknown>;
let h: ControlHarness;
let v1: string;
let v1Manifest: string;
const arn = (name: string) => `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${name}`;

/** Sends `op` with `input` through the SDK's own command class (types deliberately loosened). */
function send(op: string, input: Input): Promise<unknown> {
  const Command = (ecrSdk as unknown as Record<string, new (input: Input) => ecrSdk.ECRClient['send'] extends (c: infer C) => unknown ? C : never>)[`${op}Command`];
  if (!Command) throw new Error(`no ${op}Command in the SDK`);
  return h.client.send(new Command(input));
}

function statement(extra: Input): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 's', Effect: 'Allow', ...extra }] });
}

const GOOD_POLICY = statement({ Principal: '*', Action: 'ecr:BatchGetImage' });

/** The other required members of each repository-scoped operation, valid. */
function validRest(op: string): Input {
  const rest: Record<string, Input> = {
    PutImage: { imageManifest: v1Manifest, imageTag: 'fresh' },
    SetRepositoryPolicy: { policyText: GOOD_POLICY },
    GetRepositoryPolicy: {}, DeleteRepositoryPolicy: {}, DescribeImages: {}, ListImages: {},
    BatchGetImage: { imageIds: [{ imageTag: 'v1' }] }, BatchDeleteImage: { imageIds: [{ imageTag: 'gone' }] },
    StartImageScan: { imageId: { imageTag: 'v1' } }, DescribeImageScanFindings: { imageId: { imageTag: 'v1' } },
    BatchCheckLayerAvailability: { layerDigests: [sha256('x')] }, InitiateLayerUpload: {},
    UploadLayerPart: { uploadId: randomUUID(), partFirstByte: 0, partLastByte: 0, layerPartBlob: Buffer.from('a') },
    CompleteLayerUpload: { uploadId: randomUUID(), layerDigests: [sha256('x')] },
    GetDownloadUrlForLayer: { layerDigest: sha256('x') },
  };
  return rest[op] as Input;
}

const REPOSITORY_OPS = [
  'PutImage', 'SetRepositoryPolicy', 'GetRepositoryPolicy', 'DeleteRepositoryPolicy', 'DescribeImages', 'ListImages',
  'BatchGetImage', 'BatchDeleteImage', 'StartImageScan', 'DescribeImageScanFindings',
  'BatchCheckLayerAvailability', 'InitiateLayerUpload', 'UploadLayerPart', 'CompleteLayerUpload', 'GetDownloadUrlForLayer',
];

interface Row {
  readonly op: string;
  readonly case: string;
  readonly input: () => Input;
  readonly error: string;
  readonly message: string | RegExp | (() => string);
}

/** Rows every operation on a repository shares: name, registry id, and a missing repository. */
const commonRows: Row[] = REPOSITORY_OPS.flatMap((op) => [
  { op, case: 'registryId not 12 digits', input: () => ({ ...validRest(op), repositoryName: 'valid', registryId: '1234' }),
    error: 'InvalidParameterException', message: bad('registryId', 'must satisfy regular expression [0-9]{12}') },
  { op, case: 'repositoryName missing', input: () => validRest(op), error: 'InvalidParameterException', message: bad('repositoryName', 'Member must not be null') },
  { op, case: 'repositoryName too short', input: () => ({ ...validRest(op), repositoryName: 'a' }),
    error: 'InvalidParameterException', message: bad('repositoryName', 'Member must have length greater than or equal to 2') },
  { op, case: 'repositoryName pattern', input: () => ({ ...validRest(op), repositoryName: 'Bad_Name' }),
    error: 'InvalidParameterException', message: bad('repositoryName', `must satisfy regular expression '${NAME_PATTERN}'`) },
  { op, case: 'repositoryName of the wrong JSON type', input: () => ({ ...validRest(op), repositoryName: 42 }),
    error: 'SerializationException', message: /can not be converted to an String/ },
  { op, case: 'repository missing', input: () => ({ ...validRest(op), repositoryName: 'nosuch' }),
    error: 'RepositoryNotFoundException', message: `The repository with name 'nosuch' does not exist in the registry with id '${ACCOUNT}'` },
  { op, case: "another account's registry", input: () => ({ ...validRest(op), repositoryName: 'valid', registryId: '210987654321' }),
    error: 'AccessDeniedException', message: new RegExp(`on resource: arn:aws:ecr:${REGION}:210987654321:repository/valid`) },
]);

const OCI_NO_MEDIA_TYPE = () => JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: 2, digest: sha256('{}') }, layers: [] });

const rows: Row[] = [
  ...commonRows,
  // PutImage
  { op: 'PutImage', case: 'no mediaType and no imageManifestMediaType', input: () => ({ repositoryName: 'valid', imageManifest: OCI_NO_MEDIA_TYPE() }), error: 'InvalidParameterException', message: INVALID_JSON },
  { op: 'PutImage', case: 'manifest not JSON', input: () => ({ repositoryName: 'valid', imageManifest: '{nope' }), error: 'InvalidParameterException', message: INVALID_JSON },
  { op: 'PutImage', case: 'unsupported imageManifestMediaType', input: () => ({ repositoryName: 'valid', imageManifest: v1Manifest, imageManifestMediaType: 'text/plain' }), error: 'InvalidParameterException', message: INVALID_JSON },
  { op: 'PutImage', case: 'empty manifest', input: () => ({ repositoryName: 'valid', imageManifest: '' }), error: 'InvalidParameterException', message: bad('imageManifest', 'Member must have length greater than or equal to 1') },
  { op: 'PutImage', case: 'imageManifest missing', input: () => ({ repositoryName: 'valid' }), error: 'InvalidParameterException', message: bad('imageManifest', 'Member must not be null') },
  { op: 'PutImage', case: 'tag longer than 300', input: () => ({ repositoryName: 'valid', imageManifest: v1Manifest, imageTag: 't'.repeat(301) }), error: 'InvalidParameterException', message: bad('imageTag', 'Member must have length less than or equal to 300') },
  { op: 'PutImage', case: 'same manifest, same tag', input: () => ({ repositoryName: 'valid', imageManifest: v1Manifest, imageTag: 'v1' }), error: 'ImageAlreadyExistsException',
    message: () => `Image with digest '${v1}' and tag 'v1' already exists in the repository with name 'valid' in registry with id '${ACCOUNT}'` },
  { op: 'PutImage', case: 'digest that does not match', input: () => ({ repositoryName: 'valid', imageManifest: v1Manifest, imageTag: 'x', imageDigest: sha256('other') }), error: 'ImageDigestDoesNotMatchException', message: /does not match the digest/ },
  { op: 'PutImage', case: 'index whose child is missing', input: () => ({ repositoryName: 'valid', imageManifest: JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, size: 10, digest: sha256('no child') }] }) }),
    error: 'ReferencedImagesNotFoundException', message: new RegExp(`\\[${sha256('no child')}\\]`) },
  { op: 'PutImage', case: 'layer never uploaded', input: () => ({ repositoryName: 'valid', imageManifest: JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: CONFIG_TYPE, size: 2, digest: sha256('no config') }, layers: [] }) }),
    error: 'LayersNotFoundException', message: `Layers with digests '[${sha256('no config')}]' required for pushing image into repository with name 'valid' in the registry with id '${ACCOUNT}' do not exist` },
  // SetRepositoryPolicy / GetRepositoryPolicy
  { op: 'SetRepositoryPolicy', case: 'statement without Principal', input: () => ({ repositoryName: 'valid', policyText: statement({ Action: 'ecr:*' }) }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'statement without Action', input: () => ({ repositoryName: 'valid', policyText: statement({ Principal: '*' }) }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'empty Principal and Action', input: () => ({ repositoryName: 'valid', policyText: statement({ Principal: {}, Action: [] }) }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'Effect neither Allow nor Deny', input: () => ({ repositoryName: 'valid', policyText: statement({ Principal: '*', Action: 'ecr:*', Effect: 'Maybe' }) }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'no statements', input: () => ({ repositoryName: 'valid', policyText: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'unknown Version', input: () => ({ repositoryName: 'valid', policyText: JSON.stringify({ Version: '2020-01-01', Statement: JSON.parse(GOOD_POLICY).Statement }) }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'not JSON', input: () => ({ repositoryName: 'valid', policyText: 'allow everyone' }), error: 'InvalidParameterException', message: INVALID_POLICY },
  { op: 'SetRepositoryPolicy', case: 'policyText over 10240', input: () => ({ repositoryName: 'valid', policyText: ' '.repeat(10241) }), error: 'InvalidParameterException', message: bad('policyText', 'Member must have length less than or equal to 10240') },
  { op: 'SetRepositoryPolicy', case: 'policyText missing', input: () => ({ repositoryName: 'valid' }), error: 'InvalidParameterException', message: bad('policyText', 'Member must not be null') },
  { op: 'SetRepositoryPolicy', case: 'force of the wrong JSON type', input: () => ({ repositoryName: 'valid', policyText: GOOD_POLICY, force: 'yes' }), error: 'SerializationException', message: 'STRING_VALUE can not be converted to a Boolean' },
  { op: 'GetRepositoryPolicy', case: 'no policy', input: () => ({ repositoryName: 'valid' }), error: 'RepositoryPolicyNotFoundException', message: `Repository policy does not exist for the repository with name 'valid' in the registry with id '${ACCOUNT}'` },
  { op: 'DeleteRepositoryPolicy', case: 'no policy', input: () => ({ repositoryName: 'valid' }), error: 'RepositoryPolicyNotFoundException', message: `Repository policy does not exist for the repository with name 'valid' in the registry with id '${ACCOUNT}'` },
  // DescribeImages / ListImages
  { op: 'DescribeImages', case: 'unknown tagStatus', input: () => ({ repositoryName: 'valid', filter: { tagStatus: 'SOME' } }), error: 'InvalidParameterException', message: bad('tagStatus', 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]') },
  { op: 'DescribeImages', case: 'unknown imageStatus', input: () => ({ repositoryName: 'valid', filter: { imageStatus: 'GONE' } }), error: 'InvalidParameterException', message: bad('imageStatus', 'Member must satisfy enum value set: [ACTIVE, ARCHIVED, ACTIVATING, ANY]') },
  { op: 'DescribeImages', case: 'maxResults 0', input: () => ({ repositoryName: 'valid', maxResults: 0 }), error: 'InvalidParameterException', message: bad('maxResults', 'Member must have value greater than or equal to 1') },
  { op: 'DescribeImages', case: 'maxResults 1001', input: () => ({ repositoryName: 'valid', maxResults: 1001 }), error: 'InvalidParameterException', message: bad('maxResults', 'Member must have value less than or equal to 1000') },
  { op: 'DescribeImages', case: 'empty imageIds', input: () => ({ repositoryName: 'valid', imageIds: [] }), error: 'InvalidParameterException', message: bad('imageIds', 'Member must have length greater than or equal to 1') },
  { op: 'DescribeImages', case: 'imageIds with maxResults', input: () => ({ repositoryName: 'valid', imageIds: [{ imageTag: 'v1' }], maxResults: 5 }), error: 'InvalidParameterException', message: 'Invalid parameter: nextToken and maxResults cannot be used with imageIds' },
  { op: 'DescribeImages', case: 'image not there', input: () => ({ repositoryName: 'valid', imageIds: [{ imageTag: 'nope' }] }), error: 'ImageNotFoundException',
    message: `The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository with name 'valid' in the registry with id '${ACCOUNT}'` },
  { op: 'DescribeImages', case: 'bad nextToken', input: () => ({ repositoryName: 'valid', nextToken: 'garbage' }), error: 'InvalidParameterException', message: bad('nextToken', 'Invalid NextToken provided') },
  { op: 'ListImages', case: 'unknown tagStatus', input: () => ({ repositoryName: 'valid', filter: { tagStatus: 'tagged' } }), error: 'InvalidParameterException', message: bad('tagStatus', 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]') },
  { op: 'ListImages', case: 'maxResults 1001', input: () => ({ repositoryName: 'valid', maxResults: 1001 }), error: 'InvalidParameterException', message: bad('maxResults', 'Member must have value less than or equal to 1000') },
  { op: 'ListImages', case: 'maxResults of the wrong JSON type', input: () => ({ repositoryName: 'valid', maxResults: 'ten' }), error: 'SerializationException', message: 'STRING_VALUE can not be converted to an Integer' },
  // BatchGetImage / BatchDeleteImage
  { op: 'BatchGetImage', case: 'imageIds missing', input: () => ({ repositoryName: 'valid' }), error: 'InvalidParameterException', message: bad('imageIds', 'Member must not be null') },
  { op: 'BatchGetImage', case: '101 imageIds', input: () => ({ repositoryName: 'valid', imageIds: Array.from({ length: 101 }, (_, i) => ({ imageTag: `t${i}` })) }), error: 'InvalidParameterException', message: bad('imageIds', 'Member must have length less than or equal to 100') },
  { op: 'BatchGetImage', case: 'empty acceptedMediaTypes', input: () => ({ repositoryName: 'valid', imageIds: [{ imageTag: 'v1' }], acceptedMediaTypes: [] }), error: 'InvalidParameterException', message: bad('acceptedMediaTypes', 'Member must have length greater than or equal to 1') },
  { op: 'BatchDeleteImage', case: 'empty imageIds', input: () => ({ repositoryName: 'valid', imageIds: [] }), error: 'InvalidParameterException', message: bad('imageIds', 'Member must have length greater than or equal to 1') },
  { op: 'BatchDeleteImage', case: 'imageIds of the wrong JSON type', input: () => ({ repositoryName: 'valid', imageIds: { imageTag: 'v1' } }), error: 'SerializationException', message: 'Start of structure or map found where not expected.' },
  // Scans
  { op: 'StartImageScan', case: 'imageId missing', input: () => ({ repositoryName: 'valid' }), error: 'InvalidParameterException', message: bad('imageId', 'Member must not be null') },
  { op: 'StartImageScan', case: 'image not there', input: () => ({ repositoryName: 'valid', imageId: { imageTag: 'nope' } }), error: 'ImageNotFoundException', message: /imageId \{imageDigest:'null', imageTag:'nope'\}/ },
  { op: 'DescribeImageScanFindings', case: 'never scanned', input: () => ({ repositoryName: 'valid', imageId: { imageTag: 'v1' } }), error: 'ScanNotFoundException',
    message: `Image scan does not exist for the image with '{imageDigest:'null', imageTag:'v1'}' in the repository with name 'valid' in the registry with id '${ACCOUNT}'` },
  { op: 'DescribeImageScanFindings', case: 'maxResults 0', input: () => ({ repositoryName: 'valid', imageId: { imageTag: 'v1' }, maxResults: 0 }), error: 'InvalidParameterException', message: bad('maxResults', 'Member must have value greater than or equal to 1') },
  // Tags
  { op: 'TagResource', case: 'tags missing', input: () => ({ resourceArn: arn('valid') }), error: 'InvalidParameterException', message: bad('tags', 'Member must not be null') },
  { op: 'TagResource', case: 'resourceArn missing', input: () => ({ tags: [{ Key: 'k', Value: 'v' }] }), error: 'InvalidParameterException', message: bad('resourceArn', 'Member must not be null') },
  { op: 'TagResource', case: 'key of 129 characters', input: () => ({ resourceArn: arn('valid'), tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }), error: 'InvalidTagParameterException', message: 'Tag keys must be between 1 and 128 characters long.' },
  { op: 'TagResource', case: 'empty key', input: () => ({ resourceArn: arn('valid'), tags: [{ Key: '', Value: 'v' }] }), error: 'InvalidTagParameterException', message: 'Tag keys must be between 1 and 128 characters long.' },
  { op: 'TagResource', case: 'value of 257 characters', input: () => ({ resourceArn: arn('valid'), tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }), error: 'InvalidTagParameterException', message: 'Tag values must be between 0 and 256 characters long.' },
  { op: 'TagResource', case: 'value missing', input: () => ({ resourceArn: arn('valid'), tags: [{ Key: 'k' }] }), error: 'InvalidParameterException', message: bad('tags.1.member.Value', 'Member must not be null') },
  { op: 'TagResource', case: 'aws: prefix', input: () => ({ resourceArn: arn('valid'), tags: [{ Key: 'aws:owner', Value: 'v' }] }), error: 'InvalidTagParameterException', message: "Tag keys may not start with 'aws:'." },
  { op: 'TagResource', case: '51 tags', input: () => ({ resourceArn: arn('valid'), tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }), error: 'TooManyTagsException', message: 'The number of tags exceeds the limit of 50 tags per resource.' },
  { op: 'TagResource', case: 'repository missing', input: () => ({ resourceArn: arn('nosuch'), tags: [{ Key: 'k', Value: 'v' }] }), error: 'RepositoryNotFoundException', message: `The repository with name 'nosuch' does not exist in the registry with id '${ACCOUNT}'` },
  { op: 'UntagResource', case: 'tagKeys missing', input: () => ({ resourceArn: arn('valid') }), error: 'InvalidParameterException', message: bad('tagKeys', 'Member must not be null') },
  { op: 'UntagResource', case: 'tagKeys of the wrong JSON type', input: () => ({ resourceArn: arn('valid'), tagKeys: 'k' }), error: 'SerializationException', message: 'STRING_VALUE can not be converted to a List' },
  { op: 'ListTagsForResource', case: 'resourceArn missing', input: () => ({}), error: 'InvalidParameterException', message: bad('resourceArn', 'Member must not be null') },
  // GetAuthorizationToken
  { op: 'GetAuthorizationToken', case: 'registryIds not 12 digits', input: () => ({ registryIds: ['abc'] }), error: 'InvalidParameterException', message: bad('registryIds', 'Member must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]{12}]') },
  { op: 'GetAuthorizationToken', case: 'empty registryIds', input: () => ({ registryIds: [] }), error: 'InvalidParameterException', message: bad('registryIds', 'Member must have length greater than or equal to 1') },
  { op: 'GetAuthorizationToken', case: '11 registryIds', input: () => ({ registryIds: Array.from({ length: 11 }, () => ACCOUNT) }), error: 'InvalidParameterException', message: bad('registryIds', 'Member must have length less than or equal to 10') },
  // The layer API
  { op: 'BatchCheckLayerAvailability', case: 'layerDigests missing', input: () => ({ repositoryName: 'valid' }), error: 'InvalidParameterException', message: bad('layerDigests', 'Member must not be null') },
  { op: 'BatchCheckLayerAvailability', case: '101 layerDigests', input: () => ({ repositoryName: 'valid', layerDigests: Array.from({ length: 101 }, (_, i) => sha256(String(i))) }), error: 'InvalidParameterException', message: bad('layerDigests', 'Member must have length less than or equal to 100') },
  { op: 'UploadLayerPart', case: 'uploadId not a UUID', input: () => ({ ...validRest('UploadLayerPart'), repositoryName: 'valid', uploadId: 'nope' }), error: 'InvalidParameterException', message: bad('uploadId', `must satisfy regular expression '${UPLOAD_PATTERN}'`) },
  { op: 'UploadLayerPart', case: 'partFirstByte below 0', input: () => ({ ...validRest('UploadLayerPart'), repositoryName: 'valid', partFirstByte: -1 }), error: 'InvalidParameterException', message: bad('partFirstByte', 'Member must have value greater than or equal to 0') },
  { op: 'UploadLayerPart', case: 'layerPartBlob missing', input: () => ({ ...validRest('UploadLayerPart'), repositoryName: 'valid', layerPartBlob: undefined }), error: 'InvalidParameterException', message: bad('layerPartBlob', 'Member must not be null') },
  { op: 'UploadLayerPart', case: 'upload unknown', input: () => ({ ...validRest('UploadLayerPart'), repositoryName: 'valid' }), error: 'UploadNotFoundException', message: /^The upload with id '[0-9a-f-]{36}' does not exist in the repository with name 'valid'/ },
  { op: 'CompleteLayerUpload', case: 'empty layerDigests', input: () => ({ ...validRest('CompleteLayerUpload'), repositoryName: 'valid', layerDigests: [] }), error: 'InvalidParameterException', message: bad('layerDigests', 'Member must have length greater than or equal to 1') },
  { op: 'CompleteLayerUpload', case: 'layer digest pattern', input: () => ({ ...validRest('CompleteLayerUpload'), repositoryName: 'valid', layerDigests: ['abc'] }), error: 'InvalidParameterException', message: bad('layerDigests', `Member must satisfy constraint: [Member must satisfy regular expression pattern: ${DIGEST_PATTERN}]`) },
  { op: 'CompleteLayerUpload', case: 'upload unknown', input: () => ({ ...validRest('CompleteLayerUpload'), repositoryName: 'valid' }), error: 'UploadNotFoundException', message: /^The upload with id/ },
  { op: 'GetDownloadUrlForLayer', case: 'layerDigest pattern', input: () => ({ repositoryName: 'valid', layerDigest: 'abc' }), error: 'InvalidParameterException', message: bad('layerDigest', `must satisfy regular expression '${DIGEST_PATTERN}'`) },
  { op: 'GetDownloadUrlForLayer', case: 'layerDigest missing', input: () => ({ repositoryName: 'valid' }), error: 'InvalidParameterException', message: bad('layerDigest', 'Member must not be null') },
  { op: 'GetDownloadUrlForLayer', case: 'layer not in the repository', input: () => ({ repositoryName: 'valid', layerDigest: sha256('x') }), error: 'LayersNotFoundException', message: /sha256:/ },
];

beforeAll(async () => {
  h = await startControlHarness();
  await send('CreateRepository', { repositoryName: 'valid' });
  v1 = await h.pushImage('valid', 'v1', 'validation');
  v1Manifest = (await h.store.readManifest('valid', v1))?.toString('utf8') ?? '';
});
afterAll(async () => { await h.close(); });

describe('request validation and errors, as ECR answers them', () => {
  it.each(rows.map((r) => [`${r.op}: ${r.case}`, r] as const))('%s', async (_label, row) => {
    const got = await failure(send(row.op, row.input()));
    expect(got.name).toBe(row.error);
    if (row.message instanceof RegExp) expect(got.message).toMatch(row.message);
    else expect(got.message).toBe(typeof row.message === 'string' ? row.message : row.message());
    expect(got.status).toBe(400);
  });
});

describe('batch entries that are failures, not errors', () => {
  it('BatchGetImage and BatchDeleteImage: neither digest nor tag, a bad digest, a bad tag', async () => {
    const imageIds = [{}, { imageDigest: 'nope' }, { imageTag: 'a+b' }];
    const expected = [
      { imageId: {}, failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' },
      { imageId: { imageDigest: 'nope' }, failureCode: 'InvalidImageDigest', failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'" },
      { imageId: { imageTag: 'a+b' }, failureCode: 'InvalidImageTag', failureReason: "Invalid request parameters: image tag should satisfy the regex '[a-zA-Z0-9-_.]+'" },
    ];
    expect(await send('BatchGetImage', { repositoryName: 'valid', imageIds })).toMatchObject({ images: [], failures: expected });
    expect(await send('BatchDeleteImage', { repositoryName: 'valid', imageIds })).toMatchObject({ imageIds: [], failures: expected });
  });

  it('BatchGetImage: an image whose media type is not among acceptedMediaTypes is not found', async () => {
    const out = await send('BatchGetImage', { repositoryName: 'valid', imageIds: [{ imageTag: 'v1' }], acceptedMediaTypes: [OCI_MANIFEST] });
    expect(out).toMatchObject({ images: [], failures: [{ imageId: { imageTag: 'v1' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }] });
    const ok = await send('BatchGetImage', { repositoryName: 'valid', imageIds: [{ imageTag: 'v1' }], acceptedMediaTypes: [OCI_MANIFEST, 'application/vnd.docker.distribution.manifest.v2+json'] });
    expect(ok).toMatchObject({ images: [{ imageId: { imageDigest: v1, imageTag: 'v1' } }], failures: [] });
  });

  it('PutImage: a manifest without mediaType is stored when imageManifestMediaType names it', async () => {
    await h.store.startUpload('valid');
    const out = await failure(send('PutImage', { repositoryName: 'valid', imageManifest: OCI_NO_MEDIA_TYPE(), imageManifestMediaType: OCI_MANIFEST }));
    // The config blob is not there: the refusal is about layers now, no longer about the manifest.
    expect(out.name).toBe('LayersNotFoundException');
  });

  it('an index whose children are there is stored; BatchDeleteImage keeps a child it lists', async () => {
    const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: v1Manifest.length, digest: v1 }] });
    const put = await send('PutImage', { repositoryName: 'valid', imageTag: 'multi', imageManifest: index });
    expect(put).toMatchObject({ image: { imageId: { imageDigest: sha256(index), imageTag: 'multi' }, imageManifestMediaType: OCI_INDEX } });
    const out = await send('BatchDeleteImage', { repositoryName: 'valid', imageIds: [{ imageDigest: v1 }] });
    expect(out).toMatchObject({ imageIds: [], failures: [{ imageId: { imageDigest: v1 }, failureCode: 'ImageReferencedByManifestList', failureReason: `Requested image referenced by manifest list: [${sha256(index)}]` }] });
    expect(await send('BatchDeleteImage', { repositoryName: 'valid', imageIds: [{ imageTag: 'multi' }] })).toMatchObject({ imageIds: [{ imageDigest: sha256(index), imageTag: 'multi' }], failures: [] });
  });
});
