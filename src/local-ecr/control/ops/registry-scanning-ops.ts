// Registry scanning: Put/GetRegistryScanningConfiguration and BatchGetRepositoryScanningConfiguration,
// validated against the model (RegistryScanningRuleList at most 2 rules; ScanningRepositoryFilter
// 1-255 characters of its pattern, WILDCARD only; at most 25 repository names a batch).
import { repositoryArn } from '../../iam/arn.js';
import {
  registryScanning, repositoryScanning, SCANNING_SECTION,
  type RegistryScanningConfiguration, type ScanFrequency, type ScanningFilter, type ScanningRule, type ScanType,
} from '../../scanning-config.js';
import type { Operation } from '../call.js';
import { invalidParameter, repositoryNotFound } from '../errors.js';
import { checkLength, enumValue, listValue, repositoryName, structureValue, type Input } from '../validate.js';

const FILTER_QUOTED = '^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$';
const FILTER = new RegExp(FILTER_QUOTED);
const FREQUENCIES = ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'] as const;
// Model docs: ENHANCED supports CONTINUOUS_SCAN and SCAN_ON_PUSH; BASIC supports SCAN_ON_PUSH,
// MANUAL being what a repository no rule selects gets.
const ALLOWED: Readonly<Record<ScanType, readonly ScanFrequency[]>> = {
  BASIC: ['SCAN_ON_PUSH', 'MANUAL'],
  ENHANCED: ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'],
};

function required<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw invalidParameter(member, 'Member must not be null');
  return value;
}

function scanningFilter(raw: unknown, member: string): ScanningFilter {
  const input = structureValue(raw, member);
  const filter = required(typeof input.filter === 'string' ? input.filter : undefined, `${member}.filter`);
  checkLength(`${member}.filter`, filter, 1, 255);
  if (!FILTER.test(filter)) throw invalidParameter(`${member}.filter`, `must satisfy regular expression '${FILTER_QUOTED}'`);
  required(enumValue({ [`${member}.filterType`]: input.filterType }, `${member}.filterType`, ['WILDCARD'] as const), `${member}.filterType`);
  return { filter, filterType: 'WILDCARD' };
}

function scanningRule(raw: unknown, member: string, scanType: ScanType): ScanningRule {
  const input = structureValue(raw, member);
  const frequencyMember = `${member}.scanFrequency`;
  const scanFrequency = required(enumValue({ [frequencyMember]: input.scanFrequency }, frequencyMember, FREQUENCIES), frequencyMember);
  const filters = required(listValue(input.repositoryFilters, `${member}.repositoryFilters`), `${member}.repositoryFilters`);
  checkLength(`${member}.repositoryFilters`, filters, 0, 100);
  if (!ALLOWED[scanType].includes(scanFrequency)) {
    // UNVERIFIED: ECR's text for a frequency the scan type does not support.
    throw invalidParameter(frequencyMember, `Scan frequency ${scanFrequency} is not supported for scan type ${scanType}`);
  }
  return { scanFrequency, repositoryFilters: filters.map((f, i) => scanningFilter(f, `${member}.repositoryFilters.${i + 1}.member`)) };
}

/** The configuration a PutRegistryScanningConfiguration request asks for. */
function requestedConfiguration(input: Input): RegistryScanningConfiguration {
  const scanType = enumValue(input, 'scanType', ['BASIC', 'ENHANCED'] as const) ?? 'BASIC';
  const rules = listValue(input.rules, 'rules') ?? [];
  checkLength('rules', rules, 0, 2);
  return { scanType, rules: rules.map((r, i) => scanningRule(r, `rules.${i + 1}.member`, scanType)) };
}

export const PutRegistryScanningConfiguration: Operation = {
  resource: () => '*',
  async run(call) {
    const registryScanningConfiguration = requestedConfiguration(call.input);
    await call.ctx.registry.update<RegistryScanningConfiguration>(SCANNING_SECTION, () => registryScanningConfiguration);
    return { registryScanningConfiguration };
  },
};

export const GetRegistryScanningConfiguration: Operation = {
  resource: () => '*',
  run(call) {
    return Promise.resolve({ registryId: call.ctx.config.account, scanningConfiguration: registryScanning(call.ctx) });
  },
};

export const BatchGetRepositoryScanningConfiguration: Operation = {
  resource: () => '*',
  run(call) {
    const names = required(listValue(call.input.repositoryNames, 'repositoryNames'), 'repositoryNames');
    checkLength('repositoryNames', names, 1, 25);
    const { ctx } = call;
    const scanningConfigurations: unknown[] = [];
    const failures: unknown[] = [];
    names.forEach((raw, i) => {
      const member = `repositoryNames.${i + 1}.member`;
      const name = repositoryName({ [member]: raw }, member);
      const record = ctx.store.getRepository(name);
      if (!record) {
        // UNVERIFIED: the failureReason text (the model only fixes failureCode REPOSITORY_NOT_FOUND).
        failures.push({ repositoryName: name, failureCode: 'REPOSITORY_NOT_FOUND', failureReason: repositoryNotFound(name, ctx.config.account).message });
        return;
      }
      scanningConfigurations.push({
        repositoryArn: repositoryArn(ctx.config.region, ctx.config.account, name), repositoryName: name,
        ...repositoryScanning(ctx, record),
      });
    });
    return Promise.resolve({ scanningConfigurations, failures });
  },
};
