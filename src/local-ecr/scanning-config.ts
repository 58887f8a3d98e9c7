// The registry's scanning configuration (Put/GetRegistryScanningConfiguration), kept in the
// `scanningConfiguration` section of registry.json, and what it means for one repository: its
// scan frequency, the filters that applied, and whether a push is scanned.
import type { EcrContext } from './context.js';
import type { RepositoryRecord } from './store/types.js';

export type ScanType = 'BASIC' | 'ENHANCED';
export type ScanFrequency = 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL';

export interface ScanningFilter {
  readonly filter: string;
  readonly filterType: 'WILDCARD';
}

export interface ScanningRule {
  readonly scanFrequency: ScanFrequency;
  readonly repositoryFilters: readonly ScanningFilter[];
}

/** The registry scanning configuration as ECR answers it. */
export interface RegistryScanningConfiguration {
  readonly scanType: ScanType;
  readonly rules: readonly ScanningRule[];
}

/** The scanning configuration of one repository (BatchGetRepositoryScanningConfiguration). */
export interface RepositoryScanning {
  readonly scanOnPush: boolean;
  readonly scanFrequency: ScanFrequency;
  readonly appliedScanFilters: readonly ScanningFilter[];
}

export const SCANNING_SECTION = 'scanningConfiguration';

/** "When a registry scanning configuration is not defined, by default the BASIC scan type is used." */
const DEFAULT: RegistryScanningConfiguration = { scanType: 'BASIC', rules: [] };

/** The registry's scanning configuration, or BASIC with no rules when none was put. */
export function registryScanning(ctx: Pick<EcrContext, 'registry'>): RegistryScanningConfiguration {
  return ctx.registry.get<RegistryScanningConfiguration>(SCANNING_SECTION) ?? DEFAULT;
}

/**
 * Whether a filter selects a repository. ECR user guide (image-scanning-enhanced-enabling):
 * "Filters with no wildcard will match all repository names that contain the filter. Filters with
 * wildcards (*) match on a repository name where the wildcard replaces zero or more characters."
 */
export function filterMatches(filter: string, repository: string): boolean {
  if (!filter.includes('*')) return repository.includes(filter);
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(repository);
}

// A repository selected by a continuous rule and a scan-on-push rule is scanned continuously:
// continuous scanning includes the scan on push.
const STRENGTH: readonly ScanFrequency[] = ['CONTINUOUS_SCAN', 'SCAN_ON_PUSH', 'MANUAL'];

/** The rule frequency and filters that apply to `repository`, strongest rule first. */
function appliedRule(config: RegistryScanningConfiguration, repository: string): { frequency: ScanFrequency; filters: ScanningFilter[] } | undefined {
  const matches = config.rules
    .map((rule) => ({ frequency: rule.scanFrequency, filters: rule.repositoryFilters.filter((f) => filterMatches(f.filter, repository)) }))
    .filter((m) => m.filters.length > 0)
    .sort((a, b) => STRENGTH.indexOf(a.frequency) - STRENGTH.indexOf(b.frequency));
  return matches[0];
}

/**
 * The scanning configuration in effect for a repository. With BASIC scanning the repository's
 * own (deprecated) scanOnPush still scans its pushes, as does a registry rule that selects it;
 * with ENHANCED scanning Amazon Inspector follows the registry rules alone.
 */
export function repositoryScanning(ctx: Pick<EcrContext, 'registry'>, repo: Pick<RepositoryRecord, 'name' | 'scanOnPush'>): RepositoryScanning {
  const config = registryScanning(ctx);
  const rule = appliedRule(config, repo.name);
  const ruleFrequency = rule?.frequency ?? 'MANUAL';
  const ownScanOnPush = config.scanType === 'BASIC' && repo.scanOnPush;
  const scanFrequency = ruleFrequency === 'MANUAL' && ownScanOnPush ? 'SCAN_ON_PUSH' : ruleFrequency;
  return {
    scanOnPush: scanFrequency !== 'MANUAL',
    scanFrequency,
    appliedScanFilters: rule?.filters ?? [],
  };
}

/** Whether an image pushed to `repo` is scanned as it arrives: the one rule scan on push follows. */
export function scansOnPush(ctx: Pick<EcrContext, 'registry'>, repo: Pick<RepositoryRecord, 'name' | 'scanOnPush'>): boolean {
  return repositoryScanning(ctx, repo).scanOnPush;
}
