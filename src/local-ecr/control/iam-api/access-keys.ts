// Access keys of IAM users: Create/List/Update/DeleteAccessKey. UserName defaults to the
// calling user, as in IAM; the secret is shown once, by CreateAccessKey.
import type { AccessKeyRecord } from '../../iam/types.js';
import { userArnOf, userNameOrCaller, type IamAction, type IamCall } from './call.js';
import { accessKeyNotFound, limitExceeded } from './errors.js';
import { page } from './query.js';
import { existingUser } from './users.js';

/** IAM's quota of access keys per user. */
const KEYS_PER_USER = 2;

const userResource = (call: IamCall) => userArnOf(call, userNameOrCaller(call));

function keysOf(call: IamCall, user: string): AccessKeyRecord[] {
  return Object.values(call.ctx.iam.snapshot.keys).filter((k) => k.user === user).sort((a, b) => a.createdAt - b.createdAt);
}

/** The user's key named by AccessKeyId, or NoSuchEntity (a key of another user is not found either). */
function ownedKey(call: IamCall): AccessKeyRecord {
  const user = existingUser(call, userNameOrCaller(call));
  const id = call.input.text('AccessKeyId', call.input.required('AccessKeyId'), 16, 128, String.raw`[\w]+`);
  const key = call.ctx.iam.key(id);
  if (!key || key.user !== user.name) throw accessKeyNotFound(id);
  return key;
}

const createAccessKey: IamAction = {
  resource: userResource,
  async run(call) {
    const user = existingUser(call, userNameOrCaller(call));
    if (keysOf(call, user.name).length >= KEYS_PER_USER) throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
    const key = await call.ctx.iam.createAccessKey(user.name, call.nowS);
    return { AccessKey: {
      UserName: user.name, AccessKeyId: key.id, Status: key.status, SecretAccessKey: key.secret, CreateDate: new Date(key.createdAt * 1000),
    } };
  },
};

const listAccessKeys: IamAction = {
  resource: userResource,
  async run(call) {
    const user = existingUser(call, userNameOrCaller(call));
    const { items, more } = page(call.input, keysOf(call, user.name));
    return {
      AccessKeyMetadata: items.map((k) => ({ UserName: k.user, AccessKeyId: k.id, Status: k.status, CreateDate: new Date(k.createdAt * 1000) })),
      ...more,
    };
  },
};

const updateAccessKey: IamAction = {
  resource: userResource,
  async run(call) {
    const key = ownedKey(call);
    call.input.required('Status');
    const status = call.input.oneOf('Status', ['Active', 'Inactive'] as const) ?? key.status;
    await call.ctx.iam.update((s) => ({ ...s, keys: { ...s.keys, [key.id]: { ...s.keys[key.id], status } } }));
    return undefined;
  },
};

const deleteAccessKey: IamAction = {
  resource: userResource,
  async run(call) {
    const key = ownedKey(call);
    await call.ctx.iam.update((s) => ({ ...s, keys: Object.fromEntries(Object.entries(s.keys).filter(([id]) => id !== key.id)) }));
    return undefined;
  },
};

/** The access-key actions, by action name. */
export const ACCESS_KEY_ACTIONS: Readonly<Record<string, IamAction>> = {
  CreateAccessKey: createAccessKey, ListAccessKeys: listAccessKeys, UpdateAccessKey: updateAccessKey, DeleteAccessKey: deleteAccessKey,
};
