// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', '.data/', 'scratch/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused parameters named with a leading underscore are positional (resolver signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // GraphQL responses in tests are loosely typed on purpose: the assertions check their shape.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The browser interfaces: plain scripts served as they are, with the UMD globals the IDE loads.
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly' } },
  },
  {
    // Who may import whom (STYLE.md): the gateway reaches departments only through subgraphs.
    files: ['src/gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/db/tables/*', '**/db/tables'], message: 'The gateway never reads a department table; go through the subgraphs.' }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'pg', '@electric-sql/*', 'drizzle-orm*', 'graphql'], message: 'src/domain is pure logic with no I/O.' }] }],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['graphql', '@apollo/*'], message: 'src/db imports no GraphQL.' }] }],
    },
  },
);
