// One flat config for the whole workspace; each package runs `eslint .` and ESLint finds this file.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/e2e-output/**', '**/coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx', 'packages/sse-react/src/react/**/*.ts', 'packages/sse-react/src/testing/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The core is framework-free: TanStack's query-core, zustand/vanilla. A React import here
    // would drag React into `@kit/sse-react/core` consumers and into the server bundle.
    files: ['packages/sse-react/src/core/**/*.{ts,tsx}', '**/src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(react|react-dom|preact)(/.*)?$',
              message: 'src/core must stay framework-free: move React code to src/react.',
            },
            {
              regex: '^\\.{1,2}/(.*/)?react(/|$)',
              message: 'src/core must not import from src/react: the dependency points the other way.',
            },
          ],
        },
      ],
    },
  },
);
