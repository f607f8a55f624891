import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Where code runs decides what it may import (see docs/architecture.md):
//   renderer/          browser only: never node:, electron, better-sqlite3 or db/
//   electron/shared/   the contract: plain TypeScript, imports nothing runtime-specific
//   electron/core/, db/, hub/  plain Node: never electron
//   electron/main/, electron/preload/  the Electron shell
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'stream', 'util', 'worker_threads'];
const restrict = (paths, patterns) => ['error', { paths, patterns }];
const modules = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.kiosk-data/**', '.bench-run/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [
          ...modules(nodeBuiltins, 'The renderer runs in the browser: no Node modules.'),
          ...modules(['electron', 'better-sqlite3'], 'The renderer reaches the core only through the contract.'),
        ],
        [
          { group: ['node:*'], message: 'The renderer runs in the browser: no Node modules.' },
          { group: ['**/db/**', '**/electron/core/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The renderer reaches the core only through the contract (electron/shared).' },
        ],
      ),
    },
  },
  {
    files: ['electron/shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        modules([...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom'], 'The contract is plain TypeScript shared by every runtime.'),
        [
          { group: ['node:*'], message: 'The contract is plain TypeScript shared by every runtime.' },
          { group: ['**/core/**', '**/main/**', '**/preload/**', '**/db/**', '**/renderer/**'], message: 'The contract imports nothing of the runtimes that use it.' },
        ],
      ),
    },
  },
  {
    files: ['electron/core/**', 'db/**', 'hub/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrict(modules(['electron'], 'The core is plain Node: Electron glue belongs in electron/main.'), [
        { group: ['**/renderer/**', '**/electron/main/**', '**/main/**', '**/preload/**'], message: 'The core does not import the shell or the renderer.' },
      ]),
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'tests/**', 'bench/**', 'scripts/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    // Matchers such as expect.any() are typed `any` by design.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['*.config.ts', '*.config.js', 'electron.vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
