// Table tests: every failure of lesson 9 (and ECR.md's tables) maps to its explanation.
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, explainError } from '../../src/core/error-catalogue.js';

const CASES: [string, string, string][] = [
  // [code, message, expected entry id]
  ['DockerError', 'An image does not exist locally with the tag: 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app', 'image-not-tagged'],
  ['DockerError', 'Error response from daemon: No such image: ecr-lab-demo:v1', 'image-not-tagged'],
  ['DockerError', 'tag does not exist: 127.0.0.1:5621/team/app:v1', 'image-not-tagged'],
  ['RepositoryNotFoundException', "The repository with name 'nope' does not exist in the registry with id '123456789012'", 'repository-not-found'],
  ['NAME_UNKNOWN', "name unknown: The repository with name 'nosuch' does not exist in the registry with id '123456789012'", 'repository-not-found'],
  ['DockerError', "Error response from daemon: repository 127.0.0.1:5621/nosuch not found: name unknown: The repository with name 'nosuch' does not exist in the registry with id '123456789012'", 'repository-not-found'],
  ['UnrecognizedClientException', 'The security token included in the request is invalid.', 'invalid-credentials'],
  ['InvalidClientTokenId', 'The security token included in the request is invalid.', 'invalid-credentials'],
  ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', 'signature-mismatch'],
  ['ExpiredToken', 'The security token included in the request is expired', 'expired-credentials'],
  ['ExpiredTokenException', 'The security token included in the request is expired', 'expired-credentials'],
  ['CredentialsProviderError', 'Could not load credentials from any providers', 'no-credentials'],
  ['Error', 'Region is missing', 'region-missing'],
  ['NoBasicAuthCredentials', 'no basic auth credentials', 'no-basic-auth'],
  ['DockerError', 'Error response from daemon: Head "http://127.0.0.1:5621/v2/team/app/manifests/v1": no basic auth credentials', 'no-basic-auth'],
  ['DENIED', 'denied: Your authorization token has expired. Reauthenticate and try again.', 'registry-token-expired'],
  ['DockerError', "Error response from daemon: pull access denied for 127.0.0.1:5621/team/app, repository does not exist or may require 'docker login': denied: Your authorization token has expired. Reauthenticate and try again.", 'registry-token-expired'],
  ['DENIED', 'denied: Your Authorization Token is invalid.', 'registry-token-invalid'],
  ['HTTP_400', 'login attempt to https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/ failed with status: 400 Bad Request', 'registry-token-invalid'],
  ['TAG_INVALID', "tag invalid: The image tag 'v1' already exists in the 'immut' repository and cannot be overwritten because the repository is immutable.", 'tag-immutable'],
  ['DockerError', "tag invalid: The image tag 'v1' already exists in the 'immut' repository and cannot be overwritten because the tag is immutable.", 'tag-immutable'],
  ['ImageTagAlreadyExistsException', "The image tag 'v1' already exists", 'tag-immutable'],
  ['AccessDeniedException', 'User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:CreateRepository on resource: *', 'access-denied'],
  ['DENIED', 'denied: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/locked', 'access-denied'],
  ['DockerError', "Error response from daemon: pull access denied for 127.0.0.1:5621/pulldeny, repository does not exist or may require 'docker login': denied: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:BatchGetImage", 'access-denied'],
  ['MANIFEST_UNKNOWN', 'manifest unknown: Requested image not found', 'manifest-unknown'],
  ['DockerError', 'Error response from daemon: manifest for 127.0.0.1:5621/team/app:nope not found: manifest unknown: Requested image not found', 'manifest-unknown'],
  ['ImageNotFoundException', "The image with imageId {imageDigest:'null', imageTag:'latest'} does not exist", 'manifest-unknown'],
  ['ETIMEDOUT', 'connect ETIMEDOUT 52.94.0.1:443', 'network-timeout'],
  ['DockerError', 'Error response from daemon: Get "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/": dial tcp 52.94.0.1:443: i/o timeout', 'network-timeout'],
  ['TimeoutError', 'Request timed out', 'network-timeout'],
  ['DockerError', 'received unexpected HTTP status: 500 Internal Server Error', 'storage-full'],
  ['DockerError', 'write /var/lib/docker/tmp/GetImageBlob123: no space left on device', 'storage-full'],
  ['ThrottlingException', 'Rate exceeded', 'throttled'],
  ['TOOMANYREQUESTS', 'toomanyrequests: Rate exceeded', 'throttled'],
  ['ENOTFOUND', 'getaddrinfo ENOTFOUND 12345678901.dkr.ecr.us-east-1.amazonaws.com', 'dns-failure'],
  ['DockerError', 'Error response from daemon: Get "https://1234.dkr.ecr.us-east-1.amazonaws.com/v2/": dial tcp: lookup 1234.dkr.ecr.us-east-1.amazonaws.com: no such host', 'dns-failure'],
  ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5699', 'connection-refused'],
  ['DockerError', 'Error response from daemon: Get "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/": proxyconnect tcp: dial tcp 10.0.0.8:3128: connect: connection refused', 'proxy-failure'],
  ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.8:3128 (proxy)', 'proxy-failure'],
  ['', 'Received HTTP code 407 from proxy after CONNECT: Proxy Authentication Required', 'proxy-failure'],
  ['DockerError', 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'docker-daemon-down'],
  ['RepositoryAlreadyExistsException', "The repository with name 'x' already exists in the registry with id '123456789012'", 'repository-exists'],
  ['InvalidParameterException', "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''", 'invalid-repository-name'],
  ['InvalidParameterException', "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: instance failed to match exactly one schema (matched 0 out of 2)", 'lifecycle-policy-invalid'],
  ['InvalidParameterException', "Invalid parameter at 'imageTag' failed to satisfy constraint", 'invalid-parameter'],
  ['RepositoryNotEmptyException', "The repository with name 'x' in registry with id '123456789012' cannot be deleted because it still contains images", 'repository-not-empty'],
  ['LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.', 'scan-limit'],
  ['LifecyclePolicyNotFoundException', "Lifecycle policy does not exist for the repository with name 'demo/app'", 'lifecycle-policy-missing'],
  ['DockerError', "unknown shorthand flag: 'e' in -e", 'get-login-removed'],
  ['DockerError', 'invalid reference format: repository name (Team/App) must be lowercase', 'invalid-reference-format'],
  ['DockerError', 'Error saving credentials: error storing credentials - err: exit status 1, out: `not implemented`', 'credential-store-error'],
  ['ServerException', 'internal', 'server-error'],
];

describe('explainError', () => {
  it.each(CASES)('%s: %s -> %s', (code, message, id) => {
    const found = explainError(code, message);
    expect(found?.id).toBe(id);
    expect(found?.cause.length).toBeGreaterThan(20);
    expect(found?.fix.length).toBeGreaterThan(10);
    expect(found?.lesson).toMatch(/^[a-z-]+$/);
  });

  it('returns undefined for what it does not know', () => {
    expect(explainError('Weird', 'something else entirely')).toBeUndefined();
  });

  it('every entry is reached by a case above, except the ones listed here', () => {
    const reached = new Set(CASES.map(([, , id]) => id));
    const unreached = [...new Set(ERROR_CATALOGUE.map((e) => e.id))].filter((id) => !reached.has(id)).sort();
    expect(unreached).toEqual(['docker-missing', 'image-already-exists', 'kms', 'lifecycle-preview-busy', 'limit-exceeded', 'login-expired', 'scan-not-found', 'unsupported-image']);
  });
});
