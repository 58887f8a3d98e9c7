import { describe, expect, it } from 'vitest';
import { equivalentCommands } from '../../src/core/commands.js';
import { STEP_IDS, defaultContext, stepDefinition } from '../../src/core/steps.js';
import { STEPS } from '../../src/workflow/steps/index.js';

describe('one definition and one implementation per step', () => {
  it('every definition has an implementation, and every implementation a definition', () => {
    expect(STEP_IDS.filter((id) => !STEPS[id])).toEqual([]);
    expect(Object.keys(STEPS).filter((id) => !stepDefinition(id))).toEqual([]);
  });

  it('step ids are unique', () => {
    expect(new Set(STEP_IDS).size).toBe(STEP_IDS.length);
  });

  it("each definition's own command builder is what equivalentCommands answers", () => {
    for (const id of STEP_IDS) {
      const def = stepDefinition(id)!;
      const p = Object.fromEntries(Object.entries(def.params).map(([name, spec]) => [name, spec.default]));
      expect(equivalentCommands(id, {}, defaultContext())).toEqual(def.commands(p, defaultContext()));
    }
  });

  it('an unknown step has no commands', () => {
    expect(() => equivalentCommands('no-such-step', {}, defaultContext())).toThrow(/no-such-step/);
  });
});
