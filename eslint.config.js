// Lint for the bugs that bite: unawaited promises, non-exhaustive switches, loose equality, focused tests;
// and for lines over 120 characters that Prettier cannot wrap.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import mocha from 'eslint-plugin-mocha';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'uploads/', '.cache/', 'test-output/', 'server/web/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Prettier wraps code at 120 but leaves long comments, strings and template literals alone: this catches those.
    files: ['**/*.{ts,js}'],
    rules: { 'max-len': ['error', { code: 120 }] },
  },
  {
    // A domain is used only through its index.ts: never another domain's model or internal file
    // (docs/ARCHITECTURE.md). Platform code is shared by all and may be imported anywhere.
    files: ['server/*/*.ts'],
    ignores: ['server/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\./(?!platform/)[a-z0-9-]+/(?!index\.js$)`,
              message:
                "Use another domain only through its index.ts (import from '../<domain>/index.js'): " +
                'its model and internal files are its own. See docs/ARCHITECTURE.md.',
            },
          ],
        },
      ],
    },
  },
  {
    // Platform is plumbing with no clinic rules: it imports no domain.
    files: ['server/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(\.\./)+(?!platform/|config\.js$)[a-z0-9-]+/`,
              message: 'Platform code imports no domain (docs/ARCHITECTURE.md); pass what it needs in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    plugins: { mocha },
    rules: {
      'mocha/no-exclusive-tests': 'error',
      'mocha/no-pending-tests': 'error',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
