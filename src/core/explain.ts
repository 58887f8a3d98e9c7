// An error text pasted by the learner -> what it means: the catalogue's explanation, the
// faults that produce it, and the drills that practise them. Pure; the CLI and TUI print it.
import { explainError, type ErrorExplanation } from './error-catalogue.js';
import { FAULTS, type FaultDefinition } from './faults.js';

/** What `ecr-lab explain` and the TUI's paste box show. */
export interface PastedErrorExplanation {
  readonly explanation: ErrorExplanation;
  readonly faults: readonly FaultDefinition[];
  /** Drill ids whose faults produce this error. */
  readonly drills: readonly string[];
}

/** The error code a pasted text carries: `(Code)` from the AWS CLI, `Code:` from the SDK. */
function codeIn(text: string): string {
  return /An error occurred \((\w+)\)/.exec(text)?.[1] ?? /^(\w+(?:Exception|Error)|[A-Z_]{4,}):/.exec(text.trim())?.[1] ?? '';
}

/**
 * Explains a pasted error; `drillFaults` maps each drill id to the faults it sets up.
 * Undefined when nothing in the catalogue matches.
 */
export function explainPasted(text: string, drillFaults: ReadonlyMap<string, readonly string[]>): PastedErrorExplanation | undefined {
  const explanation = explainError(codeIn(text), text);
  if (!explanation) return undefined;
  const faults = FAULTS.filter((f) => f.explains.includes(explanation.id));
  const names = new Set(faults.map((f) => f.name));
  const drills = [...drillFaults].filter(([, fs]) => fs.some((f) => names.has(f))).map(([id]) => id);
  return { explanation, faults, drills };
}
