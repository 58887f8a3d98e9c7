// start-image-scan: a basic scan of one image, then its findings (on the local ECR the
// findings are simulated, and say so themselves).
import { errorCode, errorMessage } from '../errors.js';
import type { StepImpl } from './scope.js';
import { poll, text } from './scope.js';

const isRunning = (status: string | undefined): boolean => status === 'IN_PROGRESS' || status === 'PENDING';

export const startImageScan: StepImpl = async (s, p) => {
  const repositoryName = text(p, 'repository');
  const imageId = { imageTag: text(p, 'tag') };
  try {
    const started = await s.ecr.startImageScan({ repositoryName, imageId }, s.signal);
    s.print(`scan ${started.imageScanStatus?.status ?? 'started'} for ${repositoryName}:${imageId.imageTag}`);
  } catch (err) {
    // One basic scan per image per 24 hours, scan on push included: the existing scan's findings are the answer.
    if (errorCode(err) !== 'LimitExceededException') throw err;
    s.print(`${errorMessage(err)} (basic scanning allows one scan per image every 24 hours; scan on push counts)`);
    s.print('reading the findings of the scan that already ran instead');
  }
  // Each status DescribeImageScanFindings answers is shown once, as it changes: the learner sees
  // the scan IN_PROGRESS, then COMPLETE, as `aws ecr describe-image-scan-findings` would show it.
  let shown: string | undefined;
  const result = await poll(s, async () => {
    const r = await s.ecr.describeImageScanFindings({ repositoryName, imageId }, s.signal);
    const now = r.imageScanStatus?.status ?? 'UNKNOWN';
    if (now !== shown) s.print(`describe-image-scan-findings: ${now}${isRunning(now) ? ' (asking again until it ends)' : ''}`);
    shown = now;
    return r;
  }, (r) => !isRunning(r.imageScanStatus?.status));
  const status = result.imageScanStatus?.status ?? 'UNKNOWN';
  if (result.imageScanStatus?.description) s.print(`status: ${status}: ${result.imageScanStatus.description}`);
  const counts = result.imageScanFindings?.findingSeverityCounts ?? {};
  const findings = result.imageScanFindings?.findings ?? [];
  // The local ECR's findings say themselves that they are simulated; the summary must say so too,
  // where a slide or a report shows nothing else.
  const isSimulated = findings.some((f) => /SIMULATED/.test(`${f.name ?? ''} ${f.description ?? ''}`));
  const counted = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') || 'no findings';
  const summary = isSimulated ? `${counted} (simulated by the local ECR)` : counted;
  s.print(`severity counts: ${summary}`);
  for (const f of findings.slice(0, 10)) {
    s.print(`  ${f.severity} ${f.name}${f.description ? `: ${f.description}` : ''}`);
  }
  return {
    summary: `Scan ${status}: ${summary}. Act on CRITICAL and HIGH first; scan on push does this for every new image.`,
    verified: [{ label: 'scan status', value: status }, { label: 'findings', value: summary }],
  };
};
