// The @cloud-copilot packages (AGPL-3.0, kept unmodified in node_modules and outside dist/) are
// loaded through require(), from the CommonJS build each of them ships beside its ES modules:
// Node resolves a package's ES modules one file at a time (each a package scope lookup and a
// URL), and for the simulator's ~75 files that costs ~30 ms on Node 24 and ~75 ms on Node 20
// more than require() does (measured: load alone, compile cache on, 4 runs each). Loaded on
// first use, so a local ECR that never checks a policy document never reads them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type IamPolicy = typeof import('@cloud-copilot/iam-policy');
type IamSimulate = typeof import('@cloud-copilot/iam-simulate');

/** @cloud-copilot/iam-policy (policy document checks), loaded on first use (require() keeps it). */
export function iamPolicy(): IamPolicy {
  return require('@cloud-copilot/iam-policy') as IamPolicy;
}

/** @cloud-copilot/iam-simulate on this thread (when its worker thread cannot run), loaded on first use. */
export function simulator(): IamSimulate {
  return require('@cloud-copilot/iam-simulate') as IamSimulate;
}

/** Where the simulator's CommonJS entry is, for a worker thread's require(). */
export function simulatorPath(): string {
  return require.resolve('@cloud-copilot/iam-simulate');
}
