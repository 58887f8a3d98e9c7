// The demo image's local name: one per state dir, stable across runs, a valid docker name.
import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/workflow/engines/reference.js';
import { demoImageName } from '../../src/state/paths.js';

describe('demoImageName', () => {
  it('is the same for the same state dir (also when written relative) and differs between dirs', () => {
    const a = demoImageName('/home/ana/.local/state/ecr-lab');
    expect(a).toMatch(/^ecr-lab-demo-[0-9a-f]{8}$/);
    expect(demoImageName('/home/ana/.local/state/ecr-lab/')).toBe(a);
    expect(demoImageName(`${process.cwd()}/x`)).toBe(demoImageName('x'));
    expect(demoImageName('/home/ben/.local/state/ecr-lab')).not.toBe(a);
  });

  it('is a name docker accepts', () => {
    const name = demoImageName('/tmp/some state dir');
    expect(parseReference(`${name}:v1`)).toEqual({ registry: undefined, repository: name, tag: 'v1', digest: undefined });
  });
});
