// What the registry answers when the store fails under a request (a full disk under --data, a
// repository deleted mid-push, a bug): always the registry's JSON error, never a dropped
// connection or the control plane's JSON, so docker prints and retries as it does against ECR.
import { isWriteFailure, RepositoryGoneError } from '../store/index.js';
import { nameUnknown } from './errors.js';
import type { RegistryError } from './exchange.js';

/**
 * A store that cannot write: 500 `UNKNOWN`, the code distribution answers for a storage driver
 * error. docker retries a 5xx push ("Retrying in N seconds") and then prints
 * `unknown: unknown error`; the detail says what happened. UNVERIFIED: ECR's own body for an
 * internal failure is not published; this is the shape of the `disk-full` fault's answer.
 */
export function storageFailure(err: Error & { readonly code: string }): RegistryError {
  return {
    status: 500, code: 'UNKNOWN', message: 'unknown error',
    detail: `the local ECR could not write to its data directory (${err.code})`,
  };
}

/** Any other failure inside the registry: 500 `UNKNOWN`, as distribution answers (UNVERIFIED for ECR). */
export function internalFailure(err: unknown): RegistryError {
  return { status: 500, code: 'UNKNOWN', message: 'unknown error', detail: String((err as Error)?.message ?? err) };
}

/** The registry's answer for an error thrown while handling a request for repository `name`. */
export function failureAnswer(err: unknown, account: string): RegistryError {
  if (isWriteFailure(err)) return storageFailure(err);
  if (err instanceof RepositoryGoneError) return nameUnknown(err.repository, account);
  return internalFailure(err);
}
