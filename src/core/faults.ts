// The named faults as data: what each changes, the symptom exactly as docker, the AWS CLI v2
// and the SDK print it (ECR.md §4.3 and Appendix A/B), the root cause, the fix, and the check
// of the fix, which reads state. The local ECR (server side) and the workflow (client side)
// carry them out; drills and `ecr-lab explain` read them.

/** Where a fault changes the world. */
export type FaultSide =
  /** The local ECR's state: repositories, IAM, its clock, its answers. */
  | 'server'
  /** The client of ecr-lab's own steps: docker's config and images, the SDK's credentials. */
  | 'client';

/** A state check that proves a fault's fix; evaluated by whoever holds that state. */
export type FaultCheck =
  | { readonly kind: 'repository-exists' }
  /** The user (default: learner) may do each action on the repository. */
  | { readonly kind: 'allowed'; readonly actions: readonly string[]; readonly user?: string }
  /** The user may do every `allow` action on the repository and none of the `deny` ones. */
  | {
    readonly kind: 'least-privilege'; readonly user: string; readonly allow: readonly string[]; readonly deny: readonly string[];
    /** Actions the user may not do on any other repository (the policy is scoped to this one). */
    readonly denyElsewhere?: readonly string[];
  }
  | { readonly kind: 'login-valid' }
  | { readonly kind: 'credentials-valid' }
  | { readonly kind: 'tag-pushable' }
  | { readonly kind: 'tag-exists' }
  | { readonly kind: 'image-tagged-locally' }
  | { readonly kind: 'docker-reachable' }
  | { readonly kind: 'fault-off' };

/** How each tool reports the failure, word for word (`<host>`, `<repo>`, ... are filled in). */
export interface Symptoms {
  readonly docker?: string;
  readonly cli?: string;
  readonly sdk?: string;
}

export interface FaultDefinition {
  readonly name: string;
  readonly title: string;
  readonly side: FaultSide;
  /** What switching it on changes, in one sentence. */
  readonly changes: string;
  readonly symptoms: Symptoms;
  readonly cause: string;
  readonly fix: string;
  readonly check: FaultCheck;
  /** Ids from the error catalogue whose explanation this fault produces. */
  readonly explains: readonly string[];
}

const DENIED_PUSH = 'denied: User: arn:aws:iam::<account>:user/learner is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:<region>:<account>:repository/<repo> because no identity-based policy allows the ecr:InitiateLayerUpload action';
const EXPIRED = 'denied: Your authorization token has expired. Reauthenticate and try again.';
const NOT_FOUND = "The repository with name '<repo>' does not exist in the registry with id '<account>'";
const PULL_DENIED = "Error response from daemon: pull access denied for <host>/<repo>, repository does not exist or may require 'docker login': ";

/** Every fault, by name, in the order `ecr-lab fault list` shows them. */
export const FAULTS: readonly FaultDefinition[] = [
  { name: 'repository-missing', title: 'The repository does not exist', side: 'server',
    changes: 'The repository <repo> disappears from the registry (its images are kept aside and come back when the fault is off).',
    symptoms: { docker: `name unknown: ${NOT_FOUND}`, cli: `An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: ${NOT_FOUND}`, sdk: `RepositoryNotFoundException: ${NOT_FOUND}` },
    cause: 'ECR never creates a repository on push: pushing to a name that was never created (or was deleted, or lives in another region) fails.',
    fix: 'Create it: aws ecr create-repository --repository-name <repo> (or push to the name that exists).',
    check: { kind: 'repository-exists' }, explains: ['repository-not-found'] },
  { name: 'not-logged-in', title: 'Docker was never logged in to the registry', side: 'client',
    changes: "Docker's config loses its credentials for <host> (they are kept aside and put back when the fault is off).",
    symptoms: { docker: 'no basic auth credentials' },
    cause: 'Docker holds no credentials for this exact registry host, so it never answers the registry\'s Basic challenge.',
    fix: 'aws ecr get-login-password | docker login --username AWS --password-stdin <host>',
    check: { kind: 'login-valid' }, explains: ['no-basic-auth'] },
  { name: 'token-expired', title: 'The registry token is older than 12 hours', side: 'server',
    changes: "The local ECR's clock moves 13 hours ahead, so every registry token issued before expires.",
    symptoms: { docker: EXPIRED },
    cause: 'GetAuthorizationToken tokens last 12 hours; docker keeps using the stored one after it expired.',
    fix: 'Log in again: aws ecr get-login-password | docker login --username AWS --password-stdin <host> (or use the credential helper).',
    check: { kind: 'login-valid' }, explains: ['registry-token-expired'] },
  { name: 'token-for-other-registry', title: 'The token was issued for another region', side: 'client',
    changes: "Docker's stored credentials for <host> are replaced by a token issued in eu-west-1.",
    symptoms: { docker: 'denied: Your Authorization Token is invalid.' },
    cause: 'A registry token only works for the account and region it was issued for; this one came from get-login-password in another region.',
    fix: 'Get the password in the registry\'s own region (--region <region>) and log in again.',
    check: { kind: 'login-valid' }, explains: ['registry-token-invalid'] },
  { name: 'credentials-invalid', title: 'The access key is not valid', side: 'server',
    changes: "The learner's access key is made inactive in the local IAM.",
    symptoms: { cli: 'An error occurred (UnrecognizedClientException) when calling the GetAuthorizationToken operation: The security token included in the request is invalid.', sdk: 'UnrecognizedClientException: The security token included in the request is invalid.' },
    cause: 'AWS does not accept the access key id: it was deactivated, deleted or mistyped.',
    fix: 'As an administrator (on the local ECR: the admin user with AWS\'s second example key, AKIAI44QH8DHBEXAMPLE), make the key active again: aws iam update-access-key --user-name learner --access-key-id AKIAIOSFODNN7EXAMPLE --status Active; or create a new key and configure it.',
    check: { kind: 'credentials-valid' }, explains: ['invalid-credentials'] },
  { name: 'credentials-expired', title: 'The session credentials have expired', side: 'server',
    changes: "The learner's key is answered as a session whose token has expired.",
    symptoms: { cli: 'An error occurred (ExpiredTokenException) when calling the GetAuthorizationToken operation: The security token included in the request is expired', sdk: 'ExpiredTokenException: The security token included in the request is expired' },
    cause: 'Temporary credentials (SSO, an assumed role, a session token) stop working when their session ends.',
    fix: 'Get fresh credentials: aws sso login, or assume the role again (aws sts assume-role) and use the new keys.',
    check: { kind: 'fault-off' }, explains: ['expired-credentials'] },
  { name: 'signature-mismatch', title: 'The secret key does not match', side: 'server',
    changes: "The learner's secret access key is rotated in the local IAM; clients still sign with the old one.",
    symptoms: { cli: 'An error occurred (InvalidSignatureException) when calling the GetAuthorizationToken operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' },
    cause: 'The request was signed with a secret that is not the one AWS holds for this access key id.',
    fix: 'Configure the current secret for the key (aws configure), or create a new key.',
    check: { kind: 'fault-off' }, explains: ['signature-mismatch'] },
  { name: 'access-denied-push', title: 'The identity may not push', side: 'server',
    changes: "The learner's ECR policy is swapped for AmazonEC2ContainerRegistryReadOnly (the old attachments come back when the fault is off).",
    symptoms: { docker: DENIED_PUSH },
    cause: 'Pushing needs ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:BatchCheckLayerAvailability and ecr:PutImage; the identity policy grants none of the upload actions.',
    fix: 'Grant the push actions: aws iam attach-user-policy --user-name learner --policy-arn arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser (or an inline policy with just those actions).',
    check: { kind: 'allowed', actions: ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'] },
    explains: ['access-denied'] },
  { name: 'access-denied-pull', title: 'The identity may not pull', side: 'server',
    changes: "The learner's ECR policy is swapped for one with every read action except ecr:BatchGetImage and ecr:GetDownloadUrlForLayer.",
    symptoms: { docker: `${PULL_DENIED}denied: User: arn:aws:iam::<account>:user/learner is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:<region>:<account>:repository/<repo> because no identity-based policy allows the ecr:BatchGetImage action` },
    cause: 'Pulling needs ecr:BatchGetImage (the manifest) and ecr:GetDownloadUrlForLayer (the layers); the identity policy lacks them.',
    fix: 'Attach AmazonEC2ContainerRegistryPullOnly (or ReadOnly) to the user, or add the two actions to its policy.',
    check: { kind: 'allowed', actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }, explains: ['access-denied'] },
  { name: 'access-denied-login', title: 'The identity may not get a registry token', side: 'server',
    changes: "The learner's ECR policy is swapped for one with the push and pull actions but not ecr:GetAuthorizationToken.",
    symptoms: { cli: 'An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: arn:aws:iam::<account>:user/learner is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action' },
    cause: 'docker login needs a token from ecr:GetAuthorizationToken, an action that has no resource (Resource "*"): a policy scoped to one repository ARN cannot grant it.',
    fix: 'Add ecr:GetAuthorizationToken with "Resource": "*" to the identity policy.',
    check: { kind: 'allowed', actions: ['ecr:GetAuthorizationToken'] }, explains: ['access-denied'] },
  { name: 'repository-policy-deny', title: 'The repository policy denies the push', side: 'server',
    changes: 'The repository <repo> gets a policy statement that denies every principal the push actions (its previous policy comes back when the fault is off).',
    symptoms: { docker: 'denied: User: arn:aws:iam::<account>:user/learner is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:<region>:<account>:repository/<repo> with an explicit deny in a resource-based policy' },
    cause: 'An explicit Deny in the repository policy wins over every Allow in identity policies.',
    fix: 'Read it (aws ecr get-repository-policy --repository-name <repo>) and remove the deny (set-repository-policy without it, or delete-repository-policy).',
    check: { kind: 'allowed', actions: ['ecr:InitiateLayerUpload', 'ecr:PutImage'] }, explains: ['access-denied'] },
  { name: 'wrong-region', title: 'The client uses another region', side: 'client',
    changes: "ecr-lab's own AWS calls are signed for eu-west-1 instead of the registry's region.",
    symptoms: { sdk: "InvalidSignatureException: Credential should be scoped to a valid region, not 'eu-west-1'." },
    cause: 'Repositories, tokens and registry hosts are regional: a client set to another region talks about another registry.',
    fix: 'Use the registry\'s region: --region <region>, AWS_REGION, or the profile\'s region.',
    check: { kind: 'fault-off' }, explains: ['signature-mismatch', 'registry-token-invalid'] },
  { name: 'wrong-account-in-uri', title: 'The image URI names another account', side: 'client',
    changes: "ecr-lab's own pushes go to 210987654321.dkr.ecr.<region>.amazonaws.com, an account whose registry is not this one.",
    symptoms: { docker: 'dial tcp: lookup 210987654321.dkr.ecr.<region>.amazonaws.com: no such host' },
    cause: 'The account id is part of the registry host: a typo or another account\'s id points docker at a registry your token does not open.',
    fix: 'Tag the image with your own account id (aws sts get-caller-identity shows it) and push again.',
    check: { kind: 'fault-off' }, explains: ['dns-failure', 'no-basic-auth'] },
  { name: 'tag-immutable', title: 'The tag is immutable', side: 'server',
    changes: 'The repository <repo> is switched to IMMUTABLE tags.',
    symptoms: { docker: "tag invalid: The image tag '<tag>' already exists in the '<repo>' repository and cannot be overwritten because the repository is immutable." },
    cause: 'An immutable repository never lets an existing tag point at other content, so the same tag cannot be pushed twice.',
    fix: 'Push under a new tag (a version or a commit SHA); or, if overwriting is intended, put-image-tag-mutability --image-tag-mutability MUTABLE.',
    check: { kind: 'tag-pushable' }, explains: ['tag-immutable'] },
  { name: 'image-not-tagged-locally', title: 'The image has no local tag for the registry', side: 'client',
    changes: "The local tag <host>/<repo>:<tag> is removed from ecr-lab's image engine (the image itself stays).",
    symptoms: { docker: 'An image does not exist locally with the tag: <host>/<repo> (docker 28, when another tag of <repo> is on this machine: tag does not exist: <host>/<repo>:<tag>)' },
    cause: 'docker push works on a local reference; the image was built under another name and never tagged with the registry URI.',
    fix: 'docker tag <local image> <host>/<repo>:<tag>, then push.',
    check: { kind: 'image-tagged-locally' }, explains: ['image-not-tagged'] },
  { name: 'manifest-unknown', title: 'The tag is not in the repository', side: 'server',
    changes: 'The tag <tag> is taken off its image in <repo> (it comes back when the fault is off, if the image is still there).',
    symptoms: { docker: 'Error response from daemon: manifest for <host>/<repo>:<tag> not found: manifest unknown: Requested image not found' },
    cause: 'The repository exists but no image carries that tag: never pushed, a typo, or expired by a lifecycle policy.',
    fix: 'aws ecr describe-images --repository-name <repo> lists what is there; push the tag, or pull an existing tag or digest.',
    check: { kind: 'tag-exists' }, explains: ['manifest-unknown'] },
  { name: 'throttled', title: 'GetAuthorizationToken is throttled', side: 'server',
    changes: 'GetAuthorizationToken answers at most one call a minute on the local clock; the rest get ThrottlingException.',
    symptoms: { cli: 'An error occurred (ThrottlingException) when calling the GetAuthorizationToken operation (reached max retries: 2): Rate exceeded', sdk: 'ThrottlingException: Rate exceeded' },
    cause: 'Too many calls in a short time: a script that logs in before every push exceeds the account\'s rate.',
    fix: 'Log in once and reuse the token for its 12 hours; retry with backoff.',
    check: { kind: 'login-valid' }, explains: ['throttled'] },
  { name: 'network-blocked', title: 'No route to ECR (private subnet)', side: 'server',
    changes: 'Every request to the local ECR hangs without an answer for 20 seconds and is then dropped (docker gives up after 15).',
    symptoms: { cli: 'Read timeout on endpoint URL: "<endpoint>/" (with --cli-read-timeout below 20)', sdk: 'TimeoutError: @smithy/node-http-handler - [ERROR] a request has exceeded the configured 10000 ms requestTimeout.', docker: 'Error response from daemon: Get "http://<host>/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)' },
    cause: 'The host has no route to ECR: a private subnet without a NAT gateway and without the ecr.api, ecr.dkr and S3 VPC endpoints, or a firewall.',
    fix: 'Add a NAT gateway, or the interface endpoints com.amazonaws.<region>.ecr.api and .ecr.dkr and the S3 gateway endpoint.',
    check: { kind: 'fault-off' }, explains: ['network-timeout'] },
  { name: 'docker-daemon-down', title: 'The docker daemon is not running', side: 'client',
    changes: "ecr-lab's docker commands are pointed at a socket where no daemon listens.",
    symptoms: { docker: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' },
    cause: 'The docker CLI only talks to a daemon; if it is stopped (or the socket is not yours) every build, push and pull fails.',
    fix: 'Start it (sudo systemctl start docker, or open Docker Desktop); check with docker info.',
    check: { kind: 'docker-reachable' }, explains: ['docker-daemon-down'] },
  { name: 'get-login-removed', title: 'A CLI v1 instruction on CLI v2', side: 'client',
    changes: 'The login step follows an old guide and runs aws ecr get-login, which CLI v2 does not have.',
    symptoms: { cli: "aws: error: argument operation: Invalid choice, valid choices are: ... (get-login is not among them; exit 252)" },
    cause: 'aws ecr get-login belonged to AWS CLI v1 and was removed in v2; the docker login -e it printed is refused by Docker 17.06 and later.',
    fix: 'aws ecr get-login-password --region <region> | docker login --username AWS --password-stdin <host>',
    check: { kind: 'fault-off' }, explains: ['get-login-removed'] },
  { name: 'sudo-docker', title: 'Logged in as one Linux user, pushing as another', side: 'client',
    changes: "ecr-lab's docker commands run with an empty config directory, as `sudo docker` reads root's instead of yours.",
    symptoms: { docker: 'no basic auth credentials' },
    cause: 'docker login stores credentials in the config of the Linux user who ran it; sudo docker push reads /root/.docker/config.json, which holds none.',
    fix: 'Run docker as the same user you logged in as (add yourself to the docker group), or log in with sudo too.',
    check: { kind: 'fault-off' }, explains: ['no-basic-auth'] },
  { name: 'disk-full', title: 'The registry has no room for the layer', side: 'server',
    changes: "Every layer upload's bytes are refused, as a store with no room left would (simulated: the local ECR's disk is fine).",
    symptoms: { docker: 'received unexpected HTTP status: 500 Internal Server Error (after "Retrying in 5 seconds" five times, about 50 s)' },
    cause: 'The storage behind the registry could not write the layer. On your own machine the same happens when /var/lib/docker fills up during a pull; on ECR, look at the layer and image size limits.',
    fix: 'Free space (docker system prune, or a bigger disk) and push again; docker retries a layer five times before it gives up.',
    check: { kind: 'fault-off' }, explains: ['storage-full'] },
];

/** The fault of that name. */
export function findFault(name: string): FaultDefinition | undefined {
  return FAULTS.find((f) => f.name === name);
}

/** The values that fill a symptom or a fix. */
export interface FaultScope {
  readonly account: string;
  readonly region: string;
  readonly host: string;
  readonly repository: string;
  readonly tag: string;
  readonly endpoint?: string;
  /** The demo image's local name (TargetContext.localImage). */
  readonly image?: string;
}

/** A text with `<account>`, `<region>`, `<host>`, `<repo>`, `<tag>`, `<endpoint>` and `<image>` filled in. */
export function fillFaultText(text: string, scope: FaultScope): string {
  return text.replace(/<(account|region|host|repo|tag|endpoint|image)>/g, (whole, key: string) => {
    const value = { account: scope.account, region: scope.region, host: scope.host, repo: scope.repository, tag: scope.tag, endpoint: scope.endpoint, image: scope.image }[key as 'account'];
    return value ?? whole;
  });
}
