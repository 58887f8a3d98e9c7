// The registry's account settings (GetAccountSetting / PutAccountSetting): kept in the
// `accountSettings` section of registry.json as name -> value; a name never set has its default.
//
// The values a registry may choose are those of ECR's current API model (botocore, Aug 2026):
// CLAIR basic scanning ended on 2 February 2026 and the V1 registry policy scope is no longer
// offered, so only AWS_NATIVE and V2 remain for those two (earlier models also listed CLAIR and
// V1). A registry starts with V2: "For new users, your registries are automatically configured to
// use the V2 registry policy upon creation" (ECR user guide, registry-permissions-account-settings).
import type { EcrContext } from './context.js';

/** The settings ECR knows, with the value a registry starts with. */
export const ACCOUNT_SETTING_DEFAULTS: Readonly<Record<string, string>> = {
  BASIC_SCAN_TYPE_VERSION: 'AWS_NATIVE',
  REGISTRY_POLICY_SCOPE: 'V2',
  // Cross-repository mounts are off until the registry turns them on (aws/containers-roadmap#2860).
  BLOB_MOUNTING: 'DISABLED',
};

/** The values PutAccountSetting accepts for each setting. */
export const ACCOUNT_SETTING_VALUES: Readonly<Record<string, readonly string[]>> = {
  BASIC_SCAN_TYPE_VERSION: ['AWS_NATIVE'],
  REGISTRY_POLICY_SCOPE: ['V2'],
  BLOB_MOUNTING: ['ENABLED', 'DISABLED'],
};

export const ACCOUNT_SETTINGS_SECTION = 'accountSettings';

export type AccountSettings = Readonly<Record<string, string>>;

/** The current value of an account setting (its default when never set). */
export function accountSetting(ctx: Pick<EcrContext, 'registry'>, name: string): string | undefined {
  return ctx.registry.get<AccountSettings>(ACCOUNT_SETTINGS_SECTION)?.[name] ?? ACCOUNT_SETTING_DEFAULTS[name];
}
