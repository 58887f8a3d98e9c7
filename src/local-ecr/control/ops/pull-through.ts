// Pull-through cache rules and repository creation templates.
import type { Operation } from '../call.js';

export const PULL_THROUGH_OPERATIONS: Readonly<Record<string, Operation>> = {};
