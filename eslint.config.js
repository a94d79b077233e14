// Lint with zero warnings. Besides the usual rules, it enforces the layering of STYLE.md: which
// folder may import what, so the backend never imports Electron and shared/ runs anywhere.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = { group: ['node:*'], message: 'shared/ and renderer/ run in the page too: no Node built-ins.' };
const ELECTRON = { name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' };
const NO_ELECTRON_HOSTS = { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The backend and its hosts run without Electron.' };
const REACT = { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ holds no React.' };
const RENDERER_PATHS = [ELECTRON, { name: 'zustand', message: 'Import the state library only through lib/store.ts.' }];
const RENDERER_PATTERNS = [NODE_BUILTINS, { group: ['**/electron/**'], message: 'The renderer talks to the backend only through lib/api.ts.' }];
const PRESENTATIONAL = { group: ['**/store', '**/lib/api'], allowTypeImports: true, message: 'Presentational components take props; containers read the store.' };
/** Forbids reaching into another feature's files: `regex` matches the import path at the file's depth. */
const NO_SHELL = { regex: '^(\\.\\./)+app(/|$)', message: 'A feature or a shared component does not import the shell (app/): the shell imports them.' };
const throughIndex = (regex) => ({ regex, message: "Import another feature only through its index.ts (e.g. '../library', not '../library/store')." });

export default tseslint.config(
  { ignores: ['out/**', 'scripts/fixtures/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ELECTRON], patterns: [NODE_BUILTINS, REACT, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the processes.' }] },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/http/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [NO_ELECTRON_HOSTS] }],
    },
  },
  {
    // The backend serves every host and imports none; browser mode imports nothing of the CLI (the CLI's `serve` starts browser mode, one way).
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [NO_ELECTRON_HOSTS, { group: ['**/cli/**', '**/http/**', '**/electron/cli/**', '**/electron/http/**'], message: 'The backend imports no host: the hosts import the backend.' }],
        },
      ],
    },
  },
  {
    files: ['electron/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ELECTRON], patterns: [NO_ELECTRON_HOSTS, { group: ['**/cli/**'], message: 'Browser mode imports nothing of the CLI (the CLI starts browser mode, not the other way).' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    ignores: ['electron/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NODE_BUILTINS, { group: ['zod', '**/backend/**', '**/contract'], message: 'The preload is bundled into a sandboxed script: only electron and shared constants.' }] },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Dossier does not use the React Compiler; this rule only warns about what it would skip.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', { paths: RENDERER_PATHS, patterns: RENDERER_PATTERNS }],
    },
  },
  // A feature is imported only through its index.ts, from the shell and from other features alike
  // (one regex per depth: "../library/store" from a feature's top folder, "../../library/store"
  // from its components, "../features/library/store" from app/).
  {
    files: ['renderer/src/app/**/*.{ts,tsx}'],
    ignores: ['renderer/src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: RENDERER_PATHS, patterns: [...RENDERER_PATTERNS, throughIndex('^\\.\\./features/[^/]+/.')] }] },
  },
  {
    files: ['renderer/src/features/*/*.{ts,tsx}'],
    ignores: ['renderer/src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: RENDERER_PATHS, patterns: [...RENDERER_PATTERNS, NO_SHELL, throughIndex('^\\.\\./[^./][^/]*/.')] }] },
  },
  {
    files: ['renderer/src/features/*/components/**/*.tsx', 'renderer/src/components/**/*.tsx'],
    ignores: ['renderer/src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [NODE_BUILTINS, PRESENTATIONAL, NO_SHELL, throughIndex('^\\.\\./\\.\\./[^./][^/]*/.')] }],
    },
  },
  {
    // The shared components serve every feature and import none.
    files: ['renderer/src/components/**/*.tsx'],
    ignores: ['renderer/src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [NODE_BUILTINS, PRESENTATIONAL, NO_SHELL, { group: ['**/features/**'], message: 'A shared component imports no feature: what it needs moves to lib/ or comes as props.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/src/lib/store.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
