// The simulated scanner's table: picked by content, always labelled SIMULATED.
import { describe, expect, it } from 'vitest';
import { SCAN_LABEL, severityCounts, simulatedFindings } from '../../src/local-ecr/scan-findings.js';

const layer = (firstByte: string) => `sha256:${firstByte}${'0'.repeat(62)}`;

describe('simulatedFindings', () => {
  it.each([
    ['a layer whose first byte is a multiple of 3 is clean', [layer('00'), layer('03')], 0],
    ['other layers bring one finding each', [layer('01'), layer('02')], 2],
    ['the same finding is not repeated', [layer('01'), layer('08')], 1],
  ])('%s', (_name, layerDigests, n) => {
    expect(simulatedFindings({ layerDigests })).toHaveLength(n);
  });

  it('follows the label', () => {
    expect(simulatedFindings({ layerDigests: [layer('01')], labels: { [SCAN_LABEL]: 'clean' } })).toEqual([]);
    const all = simulatedFindings({ layerDigests: [], labels: { [SCAN_LABEL]: 'vulnerable' } });
    expect(all.length).toBe(7);
    expect(all[0].severity).toBe('CRITICAL');
    expect(severityCounts(all)).toEqual({ CRITICAL: 1, HIGH: 2, MEDIUM: 2, LOW: 1, INFORMATIONAL: 1 });
  });

  it('says every finding is simulated and names no real CVE', () => {
    for (const f of simulatedFindings({ layerDigests: [], labels: { [SCAN_LABEL]: 'vulnerable' } })) {
      expect(f.description).toMatch(/^SIMULATED by ecr-lab's local ECR, not a real vulnerability/);
      expect(f.name).not.toMatch(/^CVE-/);
      expect(f.attributes).toContainEqual({ key: 'simulated', value: 'true (ecr-lab local ECR)' });
    }
  });
});
