// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const OWN_FILES_ONLY = "A department module imports its own files and src/'s shared helpers, never another department's files.";

export default tseslint.config(
  { ignores: ['node_modules/', '**/generated.ts', '.data/', 'scratch/', '**/migrations/'] },
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/departments/**', '**/tables.js'], message: 'The gateway never reads a department table; go through the subgraphs.' }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'pg', '@electric-sql/*', 'drizzle-orm*', 'graphql'], message: 'src/domain is pure logic with no I/O.' }] }],
    },
  },
  {
    // Departments are modules: the rest of the product finds them through their manifests
    // (src/subgraphs/catalog.ts), and a department never reaches into another's folder.
    files: ['src/**/*.ts'],
    ignores: ['src/departments/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/departments/*/**'], message: 'Reach a department through its manifest (src/subgraphs/catalog.ts), never by importing its files.' }] }],
    },
  },
  {
    files: ['src/departments/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!\\.\\./)', message: OWN_FILES_ONLY }] }] },
  },
  {
    files: ['src/departments/*/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./(?!\\.\\./)', message: OWN_FILES_ONLY }] }] },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['graphql', '@apollo/*'], message: 'src/db imports no GraphQL.' }] }],
    },
  },
);
