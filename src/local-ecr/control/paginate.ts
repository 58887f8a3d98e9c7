// nextToken pagination for list operations: the token is an opaque offset into a stable order.
import { invalidParameter } from './errors.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

function decode(token: string): number {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0) return value.o;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('nextToken', 'Invalid NextToken provided');
}

/** One page of `items` starting at `nextToken`, `maxResults` long (default `defaultSize`). */
export function paginate<T>(items: readonly T[], nextToken: string | undefined, maxResults: number | undefined, defaultSize = 100): Page<T> {
  const start = nextToken === undefined ? 0 : decode(nextToken);
  const size = maxResults ?? defaultSize;
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(JSON.stringify({ o: end })).toString('base64url') } : {}),
  };
}
