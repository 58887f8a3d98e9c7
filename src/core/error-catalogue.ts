// What each failure of the seminar workflow means: error code or message -> cause, fix and
// the lesson that teaches it. Pure data plus one lookup; covers CURRICULUM lesson 9 and the
// AWS, registry and docker errors of ECR.md.

/** What a failure means; the same shape as the workflow's Explanation. */
export interface ErrorExplanation {
  readonly id: string;
  readonly cause: string;
  readonly fix: string;
  readonly lesson: string;
}

/** The lesson ids the catalogue points at (lessons/NN-<id>.md). */
export const LESSON = {
  identities: 'identities',
  createRepository: 'create-repository',
  authFlow: 'auth-flow',
  buildAndTag: 'build-and-tag',
  pushAndVerify: 'push-and-verify',
  pull: 'pull',
  troubleshooting: 'troubleshooting',
  production: 'production',
} as const;

/** One catalogue entry: matches by error code, by message, or by both. */
export interface CatalogueEntry {
  readonly id: string;
  /** Error codes (SDK error names, registry codes, errno codes); any code when absent. */
  readonly codes?: readonly string[];
  /** Must match the message too when present. */
  readonly pattern?: RegExp;
  readonly cause: string;
  readonly fix: string;
  readonly lesson: string;
}

const T = LESSON.troubleshooting;

/** Entries in matching order: the specific before the general. */
export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  { id: 'image-not-tagged', pattern: /does not exist locally with the tag|No such image|reference does not exist|^tag does not exist: /i, lesson: T,
    cause: 'Docker has no local image with that name and tag: push and tag only work on images that exist locally under exactly that reference.',
    fix: 'Run `docker images` to see what exists, then `docker tag <local image> <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` (or build it first).' },
  { id: 'invalid-repository-name', codes: ['InvalidParameterException'], pattern: /repositoryName/, lesson: LESSON.createRepository,
    cause: 'ECR refused the repository name: names are 2 to 256 characters of lowercase letters, digits and `.` `_` `-`, in path components joined by `/`, each starting and ending with a letter or digit.',
    fix: 'Choose a lowercase name such as `team/app` (no capitals, spaces, leading or trailing separators) and create it again.' },
  { id: 'invalid-reference-format', pattern: /invalid reference format/i, lesson: LESSON.buildAndTag,
    cause: 'Docker refused the image reference: repository names must be lowercase and tags at most 128 characters of letters, digits, `_` `.` `-`.',
    fix: 'Use lowercase repository names and a simple tag, e.g. `team/app:v1`.' },
  { id: 'repository-not-found', codes: ['RepositoryNotFoundException', 'NAME_UNKNOWN'], lesson: T,
    cause: 'The repository does not exist in this account and region. ECR does not create repositories on push, and a repository in another region or account is a different one.',
    fix: 'Create it first (`aws ecr create-repository --repository-name <name>`), or check the account id and region in the image URI and `--region`.' },
  { id: 'repository-not-found', pattern: /name unknown: The repository with name|repository .* not found: name unknown/i, lesson: T,
    cause: 'The registry has no repository by that name in this account and region; ECR does not create repositories on push.',
    fix: 'Create it with `aws ecr create-repository`, or correct the account id, region and name in the image URI.' },
  { id: 'repository-exists', codes: ['RepositoryAlreadyExistsException'], lesson: LESSON.createRepository,
    cause: 'A repository with this name already exists in the registry.',
    fix: 'Use the existing repository (`aws ecr describe-repositories`), pick another name, or delete it first if ecr-lab created it (`ecr-lab cleanup`).' },
  { id: 'repository-not-empty', codes: ['RepositoryNotEmptyException'], lesson: LESSON.production,
    cause: 'The repository still holds images, and deleting it without --force is refused.',
    fix: 'Delete the images first, or delete the repository with `--force`.' },
  { id: 'no-credentials', codes: ['CredentialsProviderError'], lesson: LESSON.identities,
    cause: 'No AWS credentials were found: no environment variables, no profile in ~/.aws, no SSO session, no instance role.',
    fix: 'Run `aws configure` (or `aws sso login --profile <p>`), or export AWS_PROFILE, then check with `aws sts get-caller-identity`.' },
  { id: 'region-missing', pattern: /Region is missing/i, lesson: LESSON.identities,
    cause: 'No AWS region is configured, so the SDK cannot tell which regional endpoint to call.',
    fix: 'Pass --region, set AWS_REGION, or put `region = ...` in your profile (`aws configure`).' },
  { id: 'invalid-credentials', codes: ['UnrecognizedClientException', 'InvalidClientTokenId'], lesson: T,
    cause: 'AWS does not recognise the access key id: it was deleted, deactivated, mistyped, or belongs to another partition.',
    fix: 'Check `aws configure list` and the key in the IAM console; create a new access key or use the right profile.' },
  { id: 'signature-mismatch', codes: ['InvalidSignatureException', 'SignatureDoesNotMatch'], lesson: T,
    cause: 'The secret access key does not match the access key id (or the clock is far off), so the SigV4 signature is wrong.',
    fix: 'Re-enter the secret with `aws configure`, and check the system clock.' },
  { id: 'expired-credentials', codes: ['ExpiredTokenException', 'ExpiredToken'], lesson: T,
    cause: 'The temporary AWS credentials (SSO, assumed role, session token) have expired.',
    fix: 'Refresh them: `aws sso login --profile <p>` or assume the role again.' },
  { id: 'expired-credentials', pattern: /security token included in the request is expired/i, lesson: T,
    cause: 'The temporary AWS credentials have expired.', fix: 'Refresh them: `aws sso login` or assume the role again.' },
  { id: 'registry-token-expired', codes: ['DENIED', 'UNAUTHORIZED'], pattern: /authorization token has expired/i, lesson: T,
    cause: 'The registry token docker holds is older than 12 hours: ECR tokens from GetAuthorizationToken expire after 12 hours.',
    fix: 'Log in again: `aws ecr get-login-password --region <r> | docker login --username AWS --password-stdin <registry>` (or use the credential helper).' },
  { id: 'registry-token-invalid', codes: ['DENIED', 'UNAUTHORIZED'], pattern: /Authorization Token is invalid/i, lesson: T,
    cause: 'The registry rejected the token: it was issued for another region or account than this registry host, or it is not an ECR token.',
    fix: 'Get the password in the same region as the registry host (`--region`) and log in to `<that account>.dkr.ecr.<that region>.amazonaws.com`.' },
  { id: 'registry-token-expired', pattern: /authorization token has expired/i, lesson: T,
    cause: 'The registry token docker holds is older than 12 hours: ECR tokens from GetAuthorizationToken expire after 12 hours.',
    fix: 'Log in again: `aws ecr get-login-password --region <r> | docker login --username AWS --password-stdin <registry>` (or use the credential helper).' },
  { id: 'registry-token-invalid', pattern: /Authorization Token is invalid|login attempt to .* failed with status: 400/i, lesson: T,
    cause: 'The registry rejected the token: it was issued for another region or account than this registry host, or it is not an ECR token.',
    fix: 'Get the password in the same region as the registry host (`--region`) and log in to `<that account>.dkr.ecr.<that region>.amazonaws.com`.' },
  { id: 'login-expired', pattern: /login attempt to .* failed with status: 403/i, lesson: T,
    cause: 'The registry refused the login: the token has expired or was not accepted.',
    fix: 'Get a fresh password with `aws ecr get-login-password` and log in again.' },
  { id: 'no-basic-auth', pattern: /no basic auth credentials/i, lesson: T,
    cause: 'Docker has no credentials for this registry host: it was never logged in, logged in to a different host (the port and the account id are part of it), or the credential helper is missing.',
    fix: 'Run `aws ecr get-login-password --region <r> | docker login --username AWS --password-stdin <registry host>` with exactly the host in the image reference.' },
  { id: 'tag-immutable', codes: ['ImageTagAlreadyExistsException', 'TAG_INVALID'], lesson: T,
    cause: 'The repository has immutable tags and this tag already exists: an immutable tag can never be moved to other content.',
    fix: 'Push under a new tag (a version or commit SHA), or switch the repository to MUTABLE if overwriting is intended.' },
  { id: 'tag-immutable', pattern: /tag invalid: .*immutable|cannot be overwritten because the (repository|tag) is immutable/i, lesson: T,
    cause: 'The repository has immutable tags and this tag already exists.',
    fix: 'Push under a new tag (a version or commit SHA), or make the repository MUTABLE.' },
  { id: 'image-already-exists', codes: ['ImageAlreadyExistsException'], lesson: LESSON.pushAndVerify,
    cause: 'The same image with the same tag is already in the repository; nothing changed.',
    fix: 'Nothing to do; push a new tag if you meant a new version.' },
  { id: 'access-denied', codes: ['AccessDeniedException', 'DENIED', 'UNAUTHORIZED'], lesson: LESSON.identities,
    cause: 'Your IAM identity is not allowed this ECR action on this repository (identity policy, resource policy, SCP or permissions boundary).',
    fix: 'Read the action named in the message and add it to the policy of the user or role (e.g. ecr:InitiateLayerUpload for push, ecr:BatchGetImage for pull).' },
  { id: 'access-denied', pattern: /is not authorized to perform|pull access denied|denied:/i, lesson: LESSON.identities,
    cause: 'Your IAM identity is not allowed this ECR action, or docker is not logged in to this registry.',
    fix: 'Check the action named in the message in your IAM policy; log docker in to exactly this registry host.' },
  { id: 'access-denied', pattern: /error parsing HTTP 403 response body/i, lesson: LESSON.identities,
    cause: 'The registry refused a HEAD request with 403, and a HEAD answer has no body to name the action: on ECR a blob HEAD during a push needs ecr:BatchCheckLayerAvailability, a manifest HEAD needs ecr:BatchGetImage.',
    fix: 'Allow ecr:BatchCheckLayerAvailability (push) and ecr:BatchGetImage (pull, and the image checks docker makes) on the repository in your IAM policy.' },
  { id: 'manifest-unknown', codes: ['MANIFEST_UNKNOWN', 'ImageNotFoundException'], lesson: T,
    cause: 'The repository exists but holds no image with that tag or digest (a typo, an image not pushed yet, or one a lifecycle policy expired).',
    fix: 'List what is there with `aws ecr describe-images --repository-name <repo>` and use an existing tag or digest.' },
  { id: 'manifest-unknown', pattern: /manifest unknown|Requested image not found/i, lesson: T,
    cause: 'The repository exists but holds no image with that tag or digest.',
    fix: 'List what is there with `aws ecr describe-images` and pull an existing tag or digest.' },
  { id: 'throttled', codes: ['ThrottlingException', 'TOOMANYREQUESTS', 'TooManyRequestsException'], lesson: T,
    cause: 'ECR is throttling this account and region (GetAuthorizationToken about 20 calls a second): too many calls in a short time.',
    fix: 'Wait and retry with backoff; cache registry tokens (they last 12 hours) instead of logging in for every call.' },
  { id: 'throttled', pattern: /toomanyrequests|Rate exceeded/i, lesson: T,
    cause: 'ECR is throttling requests.', fix: 'Wait and retry with backoff; reuse registry tokens for their 12 hours.' },
  { id: 'proxy-failure', codes: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPROTO'], pattern: /proxy/i, lesson: T,
    cause: 'The proxy this machine is told to use (HTTPS_PROXY / HTTP_PROXY, or docker\'s proxy settings) refused or dropped the connection to AWS.',
    fix: 'Check the proxy address and its credentials, or add the ECR hosts to NO_PROXY when they are reachable directly.' },
  { id: 'proxy-failure', pattern: /proxyconnect|Proxy Authentication Required|tunneling socket could not be established|proxy (error|refused)/i, lesson: T,
    cause: 'A proxy between this machine and AWS refused the connection or asked for credentials.',
    fix: 'Check HTTPS_PROXY / HTTP_PROXY and the proxy\'s credentials, or add the ECR hosts to NO_PROXY.' },
  { id: 'network-timeout', codes: ['ETIMEDOUT', 'TimeoutError', 'UND_ERR_CONNECT_TIMEOUT', 'RequestTimeout'], lesson: T,
    cause: 'The request never got an answer: typically a private subnet with no NAT gateway and no VPC endpoints (ecr.api, ecr.dkr, S3 gateway), a proxy or a firewall.',
    fix: 'Give the host a route to ECR: a NAT gateway, or VPC interface endpoints for ecr.api and ecr.dkr plus the S3 gateway endpoint (layers come from S3).' },
  { id: 'network-timeout', pattern: /i\/o timeout|Client\.Timeout exceeded|context deadline exceeded|timed out|ETIMEDOUT|(Read|Connect) timeout on endpoint|requestTimeout/i, lesson: T,
    cause: 'The connection timed out: no network route to ECR (private subnet without NAT or VPC endpoints, proxy, firewall).',
    fix: 'Add a NAT gateway or the ecr.api, ecr.dkr and S3 VPC endpoints; check proxy settings.' },
  { id: 'dns-failure', codes: ['ENOTFOUND', 'EAI_AGAIN'], lesson: T,
    cause: 'The host name did not resolve: a typo in the account id or region of the registry URI, or no DNS / network here.',
    fix: 'Check that this machine has DNS and a route out (a private subnet needs a NAT gateway or VPC endpoints), and that a registry URI reads `<12-digit account>.dkr.ecr.<region>.amazonaws.com`.' },
  { id: 'dns-failure', pattern: /no such host|getaddrinfo/i, lesson: T,
    cause: 'The registry host name did not resolve: a wrong account id or region in the URI, or no DNS.',
    fix: 'Check the account id and region in the image URI, and the network.' },
  { id: 'docker-daemon-down', pattern: /Cannot connect to the Docker daemon|docker daemon is not running|error during connect/i, lesson: T,
    cause: 'The docker CLI cannot reach the docker daemon: it is not running, or you may not use its socket.',
    fix: 'Start it (`sudo systemctl start docker`, or open Docker Desktop), or add your Linux user to the docker group.' },
  { id: 'docker-missing', codes: ['ENOENT'], pattern: /docker/i, lesson: LESSON.buildAndTag,
    cause: 'The docker command is not installed or not on PATH.',
    fix: 'Install Docker, or run ecr-lab with `--engine builtin`.' },
  { id: 'connection-refused', codes: ['ECONNREFUSED'], lesson: T,
    cause: 'Nothing listens at that address: the endpoint or registry is wrong, or the local ECR is not running.',
    fix: 'Check the endpoint and registry host; for the local ECR, start it again (`ecr-lab serve`).' },
  { id: 'connection-refused', pattern: /connection refused|ECONNREFUSED/i, lesson: T,
    cause: 'Nothing listens at that address.', fix: 'Check the registry host and port; start the local ECR again if it stopped.' },
  { id: 'get-login-removed', pattern: /unknown shorthand flag: 'e'|Invalid choice.*get-login/i, lesson: LESSON.authFlow,
    cause: '`aws ecr get-login` belongs to AWS CLI v1: v2 removed it, and the `-e none` it printed is refused by Docker 17.06 and later.',
    fix: 'Use `aws ecr get-login-password --region <r> | docker login --username AWS --password-stdin <registry>`.' },
  { id: 'credential-store-error', pattern: /Error saving credentials|error storing credentials/i, lesson: LESSON.authFlow,
    cause: 'Docker tried to save the login in a credential helper that cannot store it (ecr-login does not implement store).',
    fix: 'With the ECR credential helper configured you do not need `docker login`; otherwise remove credsStore/credHelpers for this host.' },
  { id: 'lifecycle-policy-invalid', codes: ['InvalidParameterException'], pattern: /LifecyclePolicyText|Lifecycle policy validation/i, lesson: LESSON.production,
    cause: 'ECR rejected the lifecycle policy JSON: a rule is malformed (priority, selection, countNumber >= 1, only one `any` rule with the highest priority).',
    fix: 'Fix the rule named in the message; check it with a preview before applying.' },
  { id: 'lifecycle-policy-missing', codes: ['LifecyclePolicyNotFoundException', 'LifecyclePolicyPreviewNotFoundException'], lesson: LESSON.production,
    cause: 'The repository has no lifecycle policy (or no preview was started).',
    fix: 'Put a policy first with `aws ecr put-lifecycle-policy`, then start a preview.' },
  { id: 'lifecycle-preview-busy', codes: ['LifecyclePolicyPreviewInProgressException'], lesson: LESSON.production,
    cause: 'A lifecycle preview is already running for this repository.', fix: 'Wait for it to finish, then read it with get-lifecycle-policy-preview.' },
  { id: 'scan-limit', codes: ['LimitExceededException'], pattern: /scan/i, lesson: LESSON.production,
    cause: 'Basic scanning allows one manual scan per image every 24 hours.',
    fix: 'Read the existing findings (describe-image-scan-findings), or turn on scan on push / enhanced scanning.' },
  { id: 'scan-not-found', codes: ['ScanNotFoundException'], lesson: LESSON.production,
    cause: 'No scan exists for this image yet.', fix: 'Start one with `aws ecr start-image-scan`, then read the findings.' },
  { id: 'unsupported-image', codes: ['UnsupportedImageTypeException'], lesson: LESSON.production,
    cause: 'This image type cannot be scanned by basic scanning (e.g. an unsupported OS or an artifact that is not an image).',
    fix: 'Scan a regular Linux image, or use enhanced scanning.' },
  { id: 'limit-exceeded', codes: ['LimitExceededException'], lesson: LESSON.production,
    cause: 'A service quota was reached (repositories, images per repository, or calls).', fix: 'Clean up unused images or repositories, or request a quota increase.' },
  { id: 'kms', codes: ['KmsException'], lesson: LESSON.createRepository,
    cause: 'The KMS key for the repository could not be used: a disabled or deleted key, or ECR\'s grant on it was retired, or its creator lacked kms:CreateGrant.',
    fix: 'Enable the key (or use AES256); whoever creates the repository needs kms:CreateGrant and kms:DescribeKey on it. Pushers and pullers need no kms: action: ECR decrypts through its own grant.' },
  { id: 'invalid-parameter', codes: ['InvalidParameterException', 'ValidationException', 'InvalidTagParameterException'], lesson: T,
    cause: 'ECR rejected a parameter; the message names the parameter and the rule it broke.', fix: 'Correct the named parameter and run the command again.' },
  { id: 'storage-full', pattern: /no space left on device|received unexpected HTTP status: 500|^unknown: unknown error/im, lesson: T,
    cause: 'Something ran out of room: the disk under /var/lib/docker during a pull or build, or the storage behind the registry during a push.',
    fix: 'Free space (`docker system prune`, remove old images) or give the machine a bigger disk, then try again.' },
  { id: 'server-error', codes: ['ServerException', 'InternalFailure', 'ServiceUnavailableException'], lesson: T,
    cause: 'ECR had an internal error.', fix: 'Retry after a moment; it is not caused by your request.' },
];

/**
 * Failures that come from where the machine is, not from what the lesson teaches: the network,
 * a proxy, AWS throttling or an AWS fault. A presenter falls back to the local ECR on these.
 */
export const VENUE_FAILURES: ReadonlySet<string> = new Set([
  'dns-failure', 'network-timeout', 'connection-refused', 'proxy-failure', 'throttled', 'server-error',
]);

function entryMatches(entry: CatalogueEntry, code: string, message: string): boolean {
  if (entry.codes && !entry.codes.includes(code)) return false;
  if (entry.pattern && !entry.pattern.test(message)) return false;
  return Boolean(entry.codes || entry.pattern);
}

/**
 * Explains a failure from its code (SDK error name, registry code, errno) and message.
 * Entries with a code are tried first, so a precise code wins over a loose text match.
 */
export function explainError(code: string, message: string): ErrorExplanation | undefined {
  const byCode = ERROR_CATALOGUE.find((e) => e.codes && entryMatches(e, code, message));
  const found = byCode ?? ERROR_CATALOGUE.find((e) => !e.codes && entryMatches(e, code, message));
  return found && { id: found.id, cause: found.cause, fix: found.fix, lesson: found.lesson };
}
