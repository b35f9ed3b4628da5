// Lint for the bugs that bite: unawaited promises, non-exhaustive switches, loose equality, focused tests;
// and for lines over 120 characters that Prettier cannot wrap.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import mocha from 'eslint-plugin-mocha';

// A domain is used only through its index.ts: never another domain's model or internal file
// (server/ARCHITECTURE.md). Platform code is shared by all and may be imported anywhere.
const indexOnly = {
  regex: String.raw`^\.\./(?!platform/)[a-z0-9-]+/(?!index\.js$)`,
  message:
    "Use another domain only through its index.ts (import from '../<domain>/index.js'): " +
    'its model and internal files are its own. See server/ARCHITECTURE.md.',
};

/** The import rules that keep domains apart; exported so that a test can show them refusing a crossing. */
export const domainBoundaries = [
  {
    files: ['server/*/*.ts'],
    ignores: ['server/platform/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [indexOnly] }] },
  },
  // Platform is plumbing with no clinic rules: it imports no domain, only the configuration.
  platformImportsNoDomain('server/platform/*.ts', String.raw`^\.\./(?!config\.js$)`),
  platformImportsNoDomain('server/platform/*/**/*.ts', String.raw`^\.\./\.\./(?!config\.js$)`),
  // Domains whose neighbours are listed here use only those (their row of server/ARCHITECTURE.md's table).
  domainUses('attendance', ['audit', 'auth', 'cases', 'notifications']),
  domainUses('packets', [
    'attendance',
    'audit',
    'auth',
    'cases',
    'deadlines',
    'evidence',
    'guidelines',
    'payers',
    'reason-codes',
  ]),
  domainUses('denial-notices', ['audit', 'deadlines', 'evidence', 'reason-codes']),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'uploads/', '.cache/', 'test-output/', 'dist/', 'server/web/public/vendor/'] },
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
  ...domainBoundaries,
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

/** A lint block refusing, in `files`, the imports that leave platform/ (matched by `regex`). */
function platformImportsNoDomain(files, regex) {
  const message = 'Platform code imports no domain (server/ARCHITECTURE.md); pass what it needs in.';
  return { files: [files], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] } };
}

/**
 * A lint block letting `domain` import only the domains in `uses` (through their index.ts), platform
 * and the configuration: the arrows of server/ARCHITECTURE.md's table, so no cycle can form.
 */
function domainUses(domain, uses) {
  const regex = String.raw`^\.\./(?!(platform|${uses.join('|')})/|config\.js$)`;
  const message = `${domain}/ uses only ${uses.join(', ')} and platform (server/ARCHITECTURE.md's table).`;
  return {
    files: [`server/${domain}/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [indexOnly, { regex, message }] }] },
  };
}
