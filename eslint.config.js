// ESLint flat config: `npm run lint:eslint` (part of `npm run lint`, zero warnings allowed).
// Type-aware typescript-eslint rules use the tsconfig that includes each file (tsconfig.json is a solution
// file over tsconfig.app.json, tsconfig.node.json and tsconfig.test-dom.json).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/**
 * Import boundaries (README "Where things live"): imports flow one way.
 * - src/shared imports nothing of ours;
 * - src/app imports only src/app and src/shared;
 * - src/server imports src/server, src/shared and the demo API's entry (src/demo-api/app.ts: started in
 *   process when no ROTOR_API_URL is set);
 * - src/demo-api imports src/demo-api and src/shared;
 * - nothing under src imports test code.
 */
const boundaryZones = [
  {
    target: './src/shared',
    from: ['./src/app', './src/server', './src/demo-api'],
    message: 'src/shared is used by both sides and imports nothing of ours.',
  },
  { target: './src/app', from: ['./src/server', './src/demo-api'], message: 'The SPA imports only src/app and src/shared.' },
  { target: './src/server', from: './src/app', message: 'The server imports only src/server, src/shared and the demo API entry.' },
  {
    target: './src/server',
    from: './src/demo-api',
    except: ['./app.ts'],
    message: 'The server may import only the demo API entry (src/demo-api/app.ts).',
  },
  { target: './src/demo-api', from: ['./src/app', './src/server'], message: 'The demo API imports only src/demo-api and src/shared.' },
  { target: './src', from: './test', message: 'Source code does not import test code.' },
];

export default defineConfig(
  {
    ignores: ['dist/', 'dist-server/', 'node_modules/', 'test/bench/results/', 'test/e2e/screenshots/', 'test-results/', '.data/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JS (config, build/start scripts, test child processes): not in any tsconfig, so no type-aware rules.
    ...tseslint.configs.disableTypeChecked,
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },

  // Imports: boundaries, cycles, and imports that resolve.
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Which files are modules to follow (no-cycle walks .ts/.tsx only when listed) and how to parse them.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-unresolved': 'error',
      'import-x/no-duplicates': 'error',
    },
  },

  // Project-wide TypeScript choices.
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // `_`-prefixed names mark parameters and destructured parts kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // verbatimModuleSyntax already demands `import type` for type-only imports; this keeps them consistent.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A query string or URL in a template literal is the intended text. The default allows them only from
      // the DOM lib; Node code gets them from @types/node.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allow: [{ name: ['Error', 'URL', 'URLSearchParams'], from: 'lib' }, 'URL', 'URLSearchParams'] },
      ],
      // Abort reasons and caught errors are passed on as they came (an AbortSignal's reason is `any`).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },

  // Browser code: the SPA (React: hooks rules incl. the React Compiler checks, accessibility).
  {
    ...reactHooks.configs.flat['recommended-latest'],
    files: ['src/app/**/*.{ts,tsx}', 'test/**/*.tsx'],
    languageOptions: { globals: globals.browser },
  },
  {
    ...jsxA11y.flatConfigs.recommended,
    files: ['src/app/**/*.tsx', 'test/**/*.tsx'],
    rules: {
      // The leads table's scroll container is a focusable `role="region"` so keyboard users can scroll it
      // (axe's scrollable-region-focusable); the rule allows only tabpanel by default.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      // Event handlers and callback props may be async: React ignores what a handler returns, nuqs URL setters
      // resolve (never reject) once the URL is written, and async handlers catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, properties: false } }],
    },
  },

  // Node code.
  {
    files: ['src/server/**/*.ts', 'src/demo-api/**/*.ts', 'test/**/*.{ts,tsx}', '*.ts'],
    languageOptions: { globals: globals.node },
  },

  {
    files: ['src/server/**/*.ts', 'src/demo-api/**/*.ts', 'test/**/*.{ts,tsx}'],
    rules: {
      // Fastify plugins, hooks and handlers are `async` to use its promise API even when they await nothing
      // (a plugin that is not async must call done() instead).
      '@typescript-eslint/require-await': 'off',
    },
  },

  // Tests, benchmarks and their support code: relaxed where test code is different on purpose.
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Response bodies are parsed JSON (`any`) and asserted on field by field; typing every one adds nothing.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `expect(obj.method)` and spies pass methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // Test names, messages and fixtures stringify loosely typed values; a wrong string fails the test anyway.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Harness helpers default a parsed body to `any` (see above).
      '@typescript-eslint/no-explicit-any': 'off',
      // vi.mock's `importOriginal<typeof import('node:crypto')>()` is vitest's documented idiom.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
);
