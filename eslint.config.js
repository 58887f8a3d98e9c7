// Lint rules that keep the layers honest: src/core stays pure (see DESIGN.md, "Layers").
import tseslint from 'typescript-eslint';

const impure = ['ink', 'react', 'execa', 'node:fs', 'fs', 'node:fs/promises', 'fs/promises',
  'node:child_process', 'child_process', 'node:http', 'node:net'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: impure.map((name) => ({ name, message: 'src/core is pure: effects live in workflow/, local-ecr/, state/.' })),
        patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'src/core is pure: AWS calls live in workflow/.' }],
      }],
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
);
