// Lint: typescript-eslint's recommended rules; formatting is prettier's (eslint-config-prettier turns
// eslint's formatting rules off), except the line length, which prettier cannot enforce on
// comments and strings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'baselines/', 'reports/', 'docs/figures/runs/', '.exp/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: true }],
      // `_name` marks a value taken apart and dropped on purpose (e.g. `const { a: _a, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // ANSI escapes and XML-invalid control characters are matched on purpose (report/escape.ts, tests).
      'no-control-regex': 'off',
    },
  },
  {
    // Experiments driving pages through puppeteer's untyped evaluate(): any is the honest type there.
    files: ['scripts/measure/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
