// The lint rules that keep layers and dependencies honest, run on small made-up files: each
// import below must fail lint where it is placed, and pass where it belongs.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: layers and declared dependencies', () => {
  it.each([
    ['src/core/probe.ts', "import isInCi from 'is-in-ci';\nexport const x = isInCi;\n", /no-extraneous-dependencies.*is-in-ci/],
    ['src/workflow/probe.ts', "import { describe } from 'vitest';\nexport const x = describe;\n", /no-extraneous-dependencies.*vitest/],
    ['src/core/probe.ts', "import { execa } from 'execa';\nexport const x = execa;\n", /no-restricted-imports.*pure/],
    ['src/local-ecr/probe.ts', "import { Box } from 'ink';\nexport const x = Box;\n", /no-restricted-imports/],
    ['src/local-ecr/probe.ts', "import { createRunner } from '../workflow/runner.js';\nexport const x = createRunner;\n", /no-restricted-imports.*src\/local-ecr/],
    ['src/local-ecr/probe.ts', "import { ECRClient } from '@aws-sdk/client-ecr';\nexport const x = ECRClient;\n", /no-restricted-imports.*never calls AWS/],
    ['src/markdown/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports.*src\/markdown/],
    ['src/markdown/probe.ts', "import { createRunner } from '../workflow/runner.js';\nexport const x = createRunner;\n", /no-restricted-imports.*src\/markdown/],
    ['src/workflow/probe.ts', "import { render } from 'ink';\nexport const x = render;\n", /no-restricted-imports/],
    ['src/workflow/probe.ts', "import { loadMarkdown } from '../markdown/render.js';\nexport const x = loadMarkdown;\n", /no-restricted-imports.*src\/workflow/],
  ])('%s: %s fails', async (file, code, expected) => {
    expect((await problems(file, code)).join('\n')).toMatch(expected);
  });

  it.each([
    ['test/core/probe.test.ts', "import { describe } from 'vitest';\nexport const x = describe;\n"],
    ['src/local-ecr/probe.ts', "import { DEFAULT_REGION } from '../core/steps.js';\nexport const x = DEFAULT_REGION;\n"],
    ['src/workflow/probe.ts', "import { startLocalEcr } from '../local-ecr/server.js';\nexport const x = startLocalEcr;\n"],
  ])('%s: %s passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it('a hook that reads a value it does not list fails', async () => {
    const code = "import { useEffect } from 'react';\nexport function useX(a: number): void {\n  useEffect(() => { console.log(a); }, []);\n}\n";
    expect((await problems('src/ui/probe.ts', code)).join('\n')).toMatch(/react-hooks\/exhaustive-deps/);
  });
});
