// Validates the `checks` of a drill file: each item must be one FaultCheck of
// src/core/faults.ts, with exactly the fields its kind takes, each of the right type.
import type { FaultCheck } from './faults.js';
import type { YamlPath } from './frontmatter-lines.js';

/** Reports one problem at a path of the frontmatter. */
export type Report = (path: YamlPath, message: string, fix: string) => void;

type FieldType = 'actions' | 'user';

interface FieldSpec {
  readonly type: FieldType;
  readonly isOptional?: boolean;
}

/** The fields each kind takes besides `kind`; a kind missing here is a compile error. */
const CHECK_FIELDS = {
  'repository-exists': {},
  allowed: { actions: { type: 'actions' }, user: { type: 'user', isOptional: true } },
  'least-privilege': { user: { type: 'user' }, allow: { type: 'actions' }, deny: { type: 'actions' }, denyElsewhere: { type: 'actions', isOptional: true } },
  'login-valid': {},
  'credentials-valid': {},
  'tag-pushable': {},
  'tag-exists': {},
  'image-tagged-locally': {},
  'docker-reachable': {},
  'fault-off': {},
} satisfies Record<FaultCheck['kind'], Record<string, FieldSpec>>;

type Kind = keyof typeof CHECK_FIELDS;

/** Every kind a check may have. */
export const CHECK_KINDS = Object.keys(CHECK_FIELDS) as Kind[];

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;
const USER = /^[\w+=,.@-]{1,64}$/;

function fieldProblem(type: FieldType, value: unknown): string | undefined {
  if (type === 'user') return typeof value === 'string' && USER.test(value) ? undefined : 'must be an IAM user name';
  if (!Array.isArray(value) || value.length === 0) return 'must be a list of one or more IAM actions';
  const bad = value.find((a) => typeof a !== 'string' || !ACTION.test(a));
  return bad === undefined ? undefined : `holds '${String(bad)}', which is not an action like ecr:PutImage`;
}

function checkFields(kind: Kind, data: Record<string, unknown>, at: YamlPath, report: Report): boolean {
  const fields: Record<string, FieldSpec> = CHECK_FIELDS[kind];
  const names = Object.keys(fields);
  let isOk = true;
  for (const key of Object.keys(data)) {
    if (key === 'kind' || fields[key]) continue;
    report([...at, key], `check '${kind}' has no field '${key}'`,
      names.length ? `use only kind, ${names.join(', ')}` : 'this kind takes no other field: remove it');
    isOk = false;
  }
  for (const [name, spec] of Object.entries(fields)) {
    if (data[name] === undefined) {
      if (!spec.isOptional) report(at, `check '${kind}' needs the field '${name}'`, `add "${name}:" to it`);
      isOk &&= spec.isOptional === true;
      continue;
    }
    const problem = fieldProblem(spec.type, data[name]);
    if (problem) report([...at, name], `field '${name}' of check '${kind}' ${problem}`, `correct "${name}:"`);
    isOk &&= problem === undefined;
  }
  return isOk;
}

function overlapOk(data: Record<string, unknown>, at: YamlPath, report: Report): boolean {
  const deny = new Set(data.deny as string[]);
  const both = (data.allow as string[]).filter((a) => deny.has(a));
  if (both.length === 0) return true;
  report(at, `check 'least-privilege' both allows and denies ${both.join(', ')}`, 'keep each action in one list only');
  return false;
}

/** Validates one item of `checks`, found at `at`; returns it when it is a valid check. */
export function parseFaultCheck(value: unknown, at: YamlPath, report: Report): FaultCheck | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(at, 'a check must be a mapping with a kind', 'write "- kind: repository-exists"');
    return undefined;
  }
  const data = value as Record<string, unknown>;
  const kind = data.kind;
  if (typeof kind !== 'string' || !(CHECK_KINDS as string[]).includes(kind)) {
    report([...at, 'kind'], kind === undefined ? 'a check without a kind' : `unknown check kind '${String(kind)}'`,
      `set kind to one of: ${CHECK_KINDS.join(', ')}`);
    return undefined;
  }
  if (!checkFields(kind as Kind, data, at, report)) return undefined;
  if (kind === 'least-privilege' && !overlapOk(data, at, report)) return undefined;
  return data as unknown as FaultCheck;
}
