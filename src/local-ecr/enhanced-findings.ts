// Enhanced scanning (Amazon Inspector) findings, simulated: the basic scanner's simulated
// findings in the shape of DescribeImageScanFindings' `enhancedFindings[]`. Inspector cannot be
// reached offline; every finding says it was SIMULATED by ecr-lab's local ECR.
import { createHash } from 'node:crypto';
import type { Finding } from './scan-findings.js';

/** The image and registry a finding is about. */
export interface FindingSubject {
  readonly region: string;
  readonly account: string;
  readonly repository: string;
  readonly digest: string;
  readonly tags: readonly string[];
  /** Epoch seconds. */
  readonly pushedAt: number;
  /** Epoch seconds: when the (simulated) scan saw the finding. */
  readonly observedAt: number;
}

function attribute(finding: Finding, key: string): string | undefined {
  return finding.attributes.find((a) => a.key === key)?.value;
}

/** One simulated finding as Amazon Inspector reports it through ECR. */
export function enhancedFinding(finding: Finding, subject: FindingSubject): Record<string, unknown> {
  const pkg = attribute(finding, 'package_name') ?? 'unknown';
  const version = attribute(finding, 'package_version') ?? '0';
  const score = Number(attribute(finding, 'CVSS2_SCORE') ?? '0');
  const id = createHash('sha256').update(`${subject.digest}/${finding.name}`).digest('hex').slice(0, 32);
  const when = subject.observedAt;
  return {
    awsAccountId: subject.account,
    description: finding.description,
    findingArn: `arn:aws:inspector2:${subject.region}:${subject.account}:finding/${id}`,
    firstObservedAt: when, lastObservedAt: when, updatedAt: when,
    packageVulnerabilityDetails: {
      vulnerabilityId: finding.name, source: 'ECRLAB_SIMULATED', vendorSeverity: finding.severity,
      cvss: [{ baseScore: score, scoringVector: 'SIMULATED', source: 'ECRLAB_SIMULATED', version: '3.1' }],
      vulnerablePackages: [{ name: pkg, version, packageManager: 'OS' }],
    },
    remediation: { recommendation: { text: `SIMULATED by ecr-lab's local ECR: no real advice exists for ${pkg} ${version}.` } },
    resources: [{
      type: 'AWS_ECR_CONTAINER_IMAGE',
      id: `arn:aws:ecr:${subject.region}:${subject.account}:repository/${subject.repository}/${subject.digest}`,
      details: { awsEcrContainerImage: {
        registry: subject.account, repositoryName: subject.repository, imageHash: subject.digest,
        imageTags: [...subject.tags], pushedAt: subject.pushedAt,
      } },
    }],
    score, severity: finding.severity, status: 'ACTIVE',
    title: `${finding.name} - ${pkg} (SIMULATED)`, type: 'PACKAGE_VULNERABILITY',
    fixAvailable: 'NO', exploitAvailable: 'NO',
  };
}

/**
 * The scan status Inspector shows for an image under continuous scanning, observed as
 * `{"status":"ACTIVE","description":"Continuous scan is selected for image."}` (aws/aws-cli#6759,
 * alexjurkiewicz/ecr-scan-image#45); undefined for scan on push, which ends COMPLETE.
 */
export function continuousScanStatus(frequency: string): { status: string; description: string } | undefined {
  return frequency === 'CONTINUOUS_SCAN' ? { status: 'ACTIVE', description: 'Continuous scan is selected for image.' } : undefined;
}
