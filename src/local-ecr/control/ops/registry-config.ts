// Registry-level configuration: DescribeRegistry, the registry policy, registry scanning configuration, BatchGetRepositoryScanningConfiguration, account settings.
import type { Operation } from '../call.js';

export const REGISTRY_CONFIG_OPERATIONS: Readonly<Record<string, Operation>> = {};
