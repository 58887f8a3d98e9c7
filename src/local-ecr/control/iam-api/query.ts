// Reads a Query-protocol form (Action=…&UserName=…&Tags.member.1.Key=…) with IAM's and
// STS's constraint checks, and pages list results with Marker/MaxItems as IAM does.
import { constraintError, validationError } from './errors.js';
import type { XmlObject } from './xml.js';

/** User, role and policy names: `[\w+=,.@-]+`. */
export const NAME_PATTERN = String.raw`[\w+=,.@-]+`;
/** A path: `/` or `/a/b/`; the model's pattern, quoted as IAM quotes it. */
const PATH_PATTERN = String.raw`(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`;

/** `UserName` -> `userName`: the member name IAM's messages use. */
function memberName(param: string): string {
  return param[0].toLowerCase() + param.slice(1);
}

/** One request's parameters. */
export class QueryInput {
  constructor(private readonly form: URLSearchParams) {}

  get action(): string {
    return this.form.get('Action') ?? '';
  }

  optional(param: string): string | undefined {
    return this.form.get(param) ?? undefined;
  }

  required(param: string): string {
    const value = this.form.get(param);
    if (value === null) throw constraintError(memberName(param), undefined, 'Member must not be null');
    return value;
  }

  /** A length-checked string, matching `pattern` when one is given. */
  text(param: string, value: string, min: number, max: number, pattern?: string): string {
    const member = memberName(param);
    if (value.length < min) throw constraintError(member, value, `Member must have length greater than or equal to ${min}`);
    if (value.length > max) throw constraintError(member, value, `Member must have length less than or equal to ${max}`);
    if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`, 'u').test(value)) {
      throw constraintError(member, value, `Member must satisfy regular expression pattern: ${pattern}`);
    }
    return value;
  }

  /** A required user, role or policy name (1 to `max` characters of `[\w+=,.@-]`). */
  name(param: string, max = 64): string {
    return this.text(param, this.required(param), 1, max, NAME_PATTERN);
  }

  /** `Path` or `PathPrefix`, default `/`. */
  path(param = 'Path'): string {
    const value = this.optional(param);
    return value === undefined ? '/' : this.text(param, value, 1, 512, param === 'Path' ? PATH_PATTERN : String.raw`\u002F[\u0021-\u007F]*`);
  }

  integer(param: string, min: number, max: number): number | undefined {
    const raw = this.optional(param);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    const member = memberName(param);
    if (!Number.isInteger(value)) throw constraintError(member, raw, 'Member must be an integer');
    if (value < min) throw constraintError(member, raw, `Member must have value greater than or equal to ${min}`);
    if (value > max) throw constraintError(member, raw, `Member must have value less than or equal to ${max}`);
    return value;
  }

  oneOf<T extends string>(param: string, values: readonly T[]): T | undefined {
    const value = this.optional(param);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw constraintError(memberName(param), value, `Member must satisfy enum value set: [${values.join(', ')}]`);
    }
    return value as T;
  }

  boolean(param: string): boolean {
    return this.optional(param) === 'true';
  }

  /** `Prefix.member.N.Field=…` as records in member order (Tags, PolicyArns). */
  records(prefix: string): Record<string, string>[] {
    const byIndex = new Map<number, Record<string, string>>();
    const re = new RegExp(`^${prefix}\\.member\\.(\\d+)\\.(\\w+)$`);
    for (const [key, value] of this.form) {
      const m = re.exec(key);
      if (!m) continue;
      const record = byIndex.get(Number(m[1])) ?? {};
      record[m[2]] = value;
      byIndex.set(Number(m[1]), record);
    }
    return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
  }

  /** `Tags.member.N.Key/Value`, with IAM's limits (at most 50; keys 1–128, values 0–256 characters). */
  tags(): { Key: string; Value: string }[] {
    const tags = this.records('Tags').map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
    if (tags.length > 50) throw constraintError('tags', `${tags.length} tags`, 'Member must have length less than or equal to 50');
    for (const t of tags) {
      this.text('Tags.member.key', t.Key, 1, 128);
      this.text('Tags.member.value', t.Value, 0, 256);
    }
    return tags;
  }

  /** Whether any `Prefix…` parameter was sent. */
  has(prefix: string): boolean {
    return [...this.form.keys()].some((k) => k === prefix || k.startsWith(`${prefix}.`));
  }
}

/** One page of a list: the items and IAM's `IsTruncated`/`Marker`. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly more: XmlObject;
}

/** Pages `items` by `MaxItems` (1–1000, default 100) from the opaque `Marker` of the previous page. */
export function page<T>(input: QueryInput, items: readonly T[]): Page<T> {
  const max = input.integer('MaxItems', 1, 1000) ?? 100;
  const marker = input.optional('Marker');
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw validationError('Invalid Marker.');
  const end = start + max;
  const truncated = end < items.length;
  return {
    items: items.slice(start, end),
    more: { IsTruncated: truncated, Marker: truncated ? Buffer.from(String(end)).toString('base64url') : undefined },
  };
}
