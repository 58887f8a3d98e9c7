// Simulated basic-scan findings: a small built-in table picked by image content. None of
// these are real vulnerabilities; every finding says it was SIMULATED by ecr-lab's local ECR.

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | 'UNDEFINED';

/** A finding in the shape of DescribeImageScanFindings' `findings[]`. */
export interface Finding {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly attributes: readonly { readonly key: string; readonly value: string }[];
}

/** What a scan looks at: the image's layer digests and its config labels. */
export interface ScanInput {
  readonly layerDigests: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
}

/** The label that picks findings on purpose: `clean` (none) or `vulnerable` (all of them). */
export const SCAN_LABEL = 'ecr-lab.scan';

interface Entry {
  readonly id: string;
  readonly severity: Severity;
  readonly pkg: string;
  readonly version: string;
  readonly score: string;
  readonly what: string;
}

const TABLE: readonly Entry[] = [
  { id: 'ECRLAB-SIM-0001', severity: 'CRITICAL', pkg: 'openssl', version: '1.1.1k', score: '9.8', what: 'a buffer overflow in certificate parsing' },
  { id: 'ECRLAB-SIM-0002', severity: 'HIGH', pkg: 'zlib', version: '1.2.11', score: '7.5', what: 'a heap overflow when inflating crafted data' },
  { id: 'ECRLAB-SIM-0003', severity: 'MEDIUM', pkg: 'busybox', version: '1.33.1', score: '5.5', what: 'an out-of-bounds read in a shell builtin' },
  { id: 'ECRLAB-SIM-0004', severity: 'LOW', pkg: 'ncurses', version: '6.2', score: '3.3', what: 'a crash on malformed terminfo data' },
  { id: 'ECRLAB-SIM-0005', severity: 'INFORMATIONAL', pkg: 'tzdata', version: '2021a', score: '0.0', what: 'an outdated time zone database' },
  { id: 'ECRLAB-SIM-0006', severity: 'HIGH', pkg: 'curl', version: '7.74.0', score: '7.4', what: 'credentials leaking across redirects' },
  { id: 'ECRLAB-SIM-0007', severity: 'MEDIUM', pkg: 'expat', version: '2.2.10', score: '6.5', what: 'an integer overflow in attribute handling' },
];

const ORDER: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

function toFinding(entry: Entry): Finding {
  return {
    name: entry.id,
    description: `SIMULATED by ecr-lab's local ECR, not a real vulnerability: ${entry.pkg} ${entry.version} is pretended to have ${entry.what}.`,
    severity: entry.severity,
    attributes: [
      { key: 'package_name', value: entry.pkg },
      { key: 'package_version', value: entry.version },
      { key: 'CVSS2_SCORE', value: entry.score },
      { key: 'simulated', value: 'true (ecr-lab local ECR)' },
    ],
  };
}

/** The findings for an image: picked from the table by the first byte of each layer digest. */
export function simulatedFindings(input: ScanInput): Finding[] {
  const label = input.labels?.[SCAN_LABEL];
  if (label === 'clean') return [];
  const picked = new Set<Entry>(label === 'vulnerable' ? TABLE : []);
  for (const digest of input.layerDigests) {
    const byte = parseInt(digest.replace(/^[^:]*:/, '').slice(0, 2), 16);
    // About one layer in three is clean, so some images come out with no findings.
    if (Number.isNaN(byte) || byte % 3 === 0) continue;
    picked.add(TABLE[byte % TABLE.length]);
  }
  return [...picked].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || a.id.localeCompare(b.id)).map(toFinding);
}

/** `{CRITICAL: 1, HIGH: 2}`: only severities that occur. */
export function severityCounts(findings: readonly Finding[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}
