// A failure as the workflow reports it: the tool's own code and message, ready for the error
// catalogue. Adapters turn SDK, network and docker errors into this one shape.
import { explainError } from '../core/error-catalogue.js';
import type { Explanation } from './types.js';

/** A failed action with the code and message the tool printed. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(readonly code: string, message: string, readonly explanation?: Explanation) {
    super(message);
  }
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const e = err as { name?: string; isCanceled?: boolean } | undefined;
  return e?.name === 'AbortError' || e?.isCanceled === true;
}

/** True when `err` means the action was cancelled (by the signal or by the user). */
export function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  return isAbort(err, signal);
}

/** The code of any thrown value: SDK error name, Node errno code, or our own. */
export function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; cause?: { code?: unknown } } | undefined;
  if (err instanceof StepFailure) return err.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  if (typeof e?.code === 'string' && e.name === 'Error') return e.code;
  if (typeof e?.name === 'string' && e.name !== 'Error') return e.name;
  if (typeof e?.code === 'string') return e.code;
  return 'Error';
}

/** The message of any thrown value, including the cause a network error wraps. */
export function errorMessage(err: unknown): string {
  const e = err as { message?: unknown; cause?: { message?: unknown } } | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const cause = typeof e?.cause?.message === 'string' ? e.cause.message : '';
  return cause && !message.includes(cause) ? `${message}: ${cause}` : message;
}

/** Turns anything thrown into a StepFailure explained from the catalogue. */
export function toFailure(err: unknown): StepFailure {
  const code = errorCode(err);
  const message = errorMessage(err);
  const found = err instanceof StepFailure && err.explanation ? err.explanation : explainError(code, message);
  return err instanceof StepFailure && err.explanation === found ? err : new StepFailure(code, message, found);
}
