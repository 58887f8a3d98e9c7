// What every local-ECR request handler gets: configuration, clock, storage, tokens, log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { LocalEcrConfig } from './config.js';
import type { FaultState } from './faults/state.js';
import type { IamWorld } from './iam/world.js';
import type { RequestLog } from './request-log.js';
import type { RegistrySettings } from './store/registry-settings.js';
import type { Store } from './store/types.js';
import type { TokenCodec } from './token.js';

export interface EcrContext {
  readonly config: LocalEcrConfig;
  readonly clock: Clock;
  readonly store: Store;
  /** Registry-level settings (policy, replication, pull-through rules, templates, ...). */
  readonly registry: RegistrySettings;
  readonly tokens: TokenCodec;
  readonly log: RequestLog;
  /** Users, roles, keys, policies and sessions of the account. */
  readonly iam: IamWorld;
  /** The faults switched on, read by every request. */
  readonly faults: FaultState;
  /** http://host:port: the ECR and STS API endpoint. */
  readonly endpoint: string;
  /** host:port: the registry host docker talks to. */
  readonly registryHost: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: EcrContext) => Promise<void>;
