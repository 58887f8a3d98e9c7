// IAM users: CreateUser, GetUser (the caller when UserName is left out), ListUsers, DeleteUser.
import { iamId } from '../../iam/ids.js';
import type { ResourceTagRecord, UserRecord } from '../../iam/types.js';
import { userArnOf, userNameOrCaller, type IamAction, type IamCall } from './call.js';
import { deleteConflict, entityAlreadyExists, userNotFound } from './errors.js';
import { page } from './query.js';
import type { XmlObject } from './xml.js';

/** A user as IAM describes it; `withTags` for GetUser and CreateUser, which return tags. */
export function userXml(call: IamCall, user: UserRecord, withTags: boolean): XmlObject {
  return {
    Path: user.path, UserName: user.name, UserId: user.id, Arn: call.ctx.iam.userArn(user.name, user.path),
    CreateDate: new Date(user.createdAt * 1000),
    Tags: withTags && user.tags.length > 0 ? user.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

/** The named user, or NoSuchEntity. */
export function existingUser(call: IamCall, name: string): UserRecord {
  const user = call.ctx.iam.user(name);
  if (!user) throw userNotFound(name);
  return user;
}

const createUser: IamAction = {
  resource: (call) => call.ctx.iam.userArn(call.input.name('UserName'), call.input.path()),
  async run(call) {
    const name = call.input.name('UserName');
    const tags: ResourceTagRecord[] = call.input.tags();
    const users = call.ctx.iam.snapshot.users;
    // IAM names are unique regardless of case.
    const clash = Object.keys(users).find((n) => n.toLowerCase() === name.toLowerCase());
    if (clash) throw entityAlreadyExists(`User with name ${name} already exists.`);
    const user: UserRecord = { name, id: iamId('AIDA'), path: call.input.path(), createdAt: call.nowS, inline: {}, attached: [], tags };
    await call.ctx.iam.update((s) => ({ ...s, users: { ...s.users, [name]: user } }));
    return { User: userXml(call, user, true) };
  },
};

const getUser: IamAction = {
  resource: (call) => userArnOf(call, userNameOrCaller(call)),
  async run(call) {
    return { User: userXml(call, existingUser(call, userNameOrCaller(call)), true) };
  },
};

const listUsers: IamAction = {
  resource: (call) => `arn:aws:iam::${call.ctx.config.account}:user/`,
  wildcard: true,
  async run(call) {
    const prefix = call.input.path('PathPrefix');
    const users = Object.values(call.ctx.iam.snapshot.users).filter((u) => u.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const { items, more } = page(call.input, users);
    return { Users: items.map((u) => userXml(call, u, false)), ...more };
  },
};

/** What still hangs off a user, in the order IAM refuses to delete it. */
function deleteBlocker(call: IamCall, user: UserRecord): string | undefined {
  if (Object.values(call.ctx.iam.snapshot.keys).some((k) => k.user === user.name)) return 'Cannot delete entity, must delete access keys first.';
  if (user.attached.length > 0) return 'Cannot delete entity, must detach all policies first.';
  if (Object.keys(user.inline).length > 0) return 'Cannot delete entity, must delete policies first.';
  return undefined;
}

const deleteUser: IamAction = {
  resource: (call) => userArnOf(call, call.input.name('UserName')),
  async run(call) {
    const user = existingUser(call, call.input.name('UserName'));
    const blocker = deleteBlocker(call, user);
    if (blocker) throw deleteConflict(blocker);
    await call.ctx.iam.update((s) => ({ ...s, users: Object.fromEntries(Object.entries(s.users).filter(([n]) => n !== user.name)) }));
    return undefined;
  },
};

/** The user actions, by action name. */
export const USER_ACTIONS: Readonly<Record<string, IamAction>> = {
  CreateUser: createUser, GetUser: getUser, ListUsers: listUsers, DeleteUser: deleteUser,
};
