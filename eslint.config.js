// Lint rules that keep the layers honest (see DESIGN.md, "Layers"): src/core stays pure, the UI
// asks the workflow, the emulator and the markdown renderer keep to their own jobs; every
// package the code imports is declared in package.json; React hooks follow React's rules.
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const impure = ['ink', 'react', 'execa', 'node:fs', 'fs', 'node:fs/promises', 'fs/promises',
  'node:child_process', 'child_process', 'node:http', 'node:net'];

/** A `no-restricted-imports` rule forbidding the packages in `paths` and the groups in `patterns`. */
function restrict(paths, patterns) {
  return ['error', { paths, patterns }];
}

const screens = ['ink', 'react'].map((name) => ({ name, message: 'Only src/ui (and the cli that renders it) draws screens.' }));
const upperLayers = (layer, layers) => ({
  group: layers.map((l) => `**/${l}/**`),
  message: `${layer} does not reach into ${layers.join(', ')} (see DESIGN.md, "Layers").`,
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A package the code imports but package.json does not declare works only while some other
    // package happens to pull it in: undeclared imports fail here. Tests, scripts and configs may
    // use devDependencies; src may not.
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-extraneous-dependencies': ['error', {
        devDependencies: ['test/**', 'scripts/**', '*.config.{js,ts,mjs}', 'vitest.*.ts'],
        optionalDependencies: false, peerDependencies: false,
      }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    // A missing dependency is a stale value on screen: an error, not a warning nobody reads.
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        impure.map((name) => ({ name, message: 'src/core is pure: effects live in workflow/, local-ecr/, state/.' })),
        [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'src/core is pure: AWS calls live in workflow/.' },
          upperLayers('src/core', ['workflow', 'local-ecr', 'state', 'markdown', 'ui', 'cli', 'export'])],
      ),
    },
  },
  {
    // The emulator answers AWS's APIs; it never calls AWS, runs docker or draws a screen.
    files: ['src/local-ecr/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...screens, { name: 'execa', message: 'The local ECR runs no processes; the workflow runs docker and aws.' },
          { name: 'node:child_process', message: 'The local ECR runs no processes; the workflow runs docker and aws.' }],
        [{ group: ['@aws-sdk/client-*'], message: 'The local ECR is the AWS side; it never calls AWS.' },
          upperLayers('src/local-ecr', ['workflow', 'markdown', 'ui', 'cli', 'export'])],
      ),
    },
  },
  {
    // Markdown to terminal text at a width: pure text, no effects, no screens.
    files: ['src/markdown/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...impure.filter((n) => n !== 'ink' && n !== 'react').map((name) => ({ name, message: 'src/markdown turns text into text: no files, processes or sockets.' })),
          ...screens],
        [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'src/markdown turns text into text; AWS calls live in workflow/.' },
          upperLayers('src/markdown', ['workflow', 'local-ecr', 'state', 'ui', 'cli', 'export'])],
      ),
    },
  },
  {
    // The steps over ports: outcomes as data for whoever shows them, never a screen of their own.
    files: ['src/workflow/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        screens,
        [upperLayers('src/workflow', ['markdown', 'ui', 'cli', 'export'])],
      ),
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@aws-sdk/*', 'execa'], message: 'The UI asks the workflow; it never calls AWS or docker itself.' }],
      }],
    },
  },
  {
    // CommonJS on purpose (bin/ecr-lab.js, scripts/start.cjs: no ES module loader before the
    // first frame): require() is how they load.
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
