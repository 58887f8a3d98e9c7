// GetAccountSetting / PutAccountSetting: the registry's BASIC_SCAN_TYPE_VERSION,
// REGISTRY_POLICY_SCOPE and BLOB_MOUNTING, with the values ECR's current model lists.
import {
  ACCOUNT_SETTING_VALUES, ACCOUNT_SETTINGS_SECTION, accountSetting, type AccountSettings,
} from '../../account-settings.js';
import type { Operation } from '../call.js';
import { invalidParameter } from '../errors.js';
import { checkLength, requiredString, type Input } from '../validate.js';

const NAMES = Object.keys(ACCOUNT_SETTING_VALUES);

/** A known setting name (AccountSettingName: 1-64 characters, one of ECR's settings). */
function settingName(input: Input): string {
  const name = requiredString(input, 'name');
  checkLength('name', name, 1, 64);
  // UNVERIFIED: ECR's text for a name it does not know.
  if (!NAMES.includes(name)) throw invalidParameter('name', `Member must satisfy enum value set: [${NAMES.join(', ')}]`);
  return name;
}

export const GetAccountSetting: Operation = {
  resource: () => '*',
  run(call) {
    const name = settingName(call.input);
    return Promise.resolve({ name, value: accountSetting(call.ctx, name) });
  },
};

export const PutAccountSetting: Operation = {
  resource: () => '*',
  async run(call) {
    const name = settingName(call.input);
    const value = requiredString(call.input, 'value');
    const allowed = ACCOUNT_SETTING_VALUES[name];
    // UNVERIFIED: ECR's text for a value the setting does not take.
    if (!allowed.includes(value)) throw invalidParameter('value', `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    await call.ctx.registry.update<AccountSettings>(ACCOUNT_SETTINGS_SECTION, (current) => ({ ...current, [name]: value }));
    return { name, value };
  },
};
