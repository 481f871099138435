// Lint rules the project holds to; formatting is Prettier's (eslint-config-prettier turns off what overlaps).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'test/artifacts/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Catch blocks that swallow an error must say why in a comment; empty ones are refused.
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Domain code talks to JSON columns and XState snapshots: `any` is allowed where typed access would lie.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // Readers of uploaded files strip control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  { files: ['apps/server/public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'], languageOptions: { globals: { ...globals.jest } } },
  prettier,
);
