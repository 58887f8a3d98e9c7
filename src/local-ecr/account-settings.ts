// The registry's account settings (GetAccountSetting / PutAccountSetting): kept in the
// `accountSettings` section of registry.json as name -> value; a name never set has its default.
import type { EcrContext } from './context.js';

/** The settings ECR knows, with the value a registry starts with. */
export const ACCOUNT_SETTING_DEFAULTS: Readonly<Record<string, string>> = {
  BASIC_SCAN_TYPE_VERSION: 'AWS_NATIVE',
  REGISTRY_POLICY_SCOPE: 'V2',
  // Cross-repository mounts are off until the registry turns them on (aws/containers-roadmap#2860).
  BLOB_MOUNTING: 'DISABLED',
};

export type AccountSettings = Readonly<Record<string, string>>;

/** The current value of an account setting (its default when never set). */
export function accountSetting(ctx: Pick<EcrContext, 'registry'>, name: string): string | undefined {
  return ctx.registry.get<AccountSettings>('accountSettings')?.[name] ?? ACCOUNT_SETTING_DEFAULTS[name];
}
