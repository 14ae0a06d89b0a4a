// ESLint flat config: typescript-eslint recommended + the Office add-ins plugin (Office.js mistakes).
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');

module.exports = tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-preview/', 'dist-noindicators/', 'dist-wps/', 'out/', 'lib/', 'coverage/', 'test-output/', 'bench-output/'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the WPS ribbon's callbacks: a classic ES5 script whose global functions ribbon.xml names
    files: ['src/wps/addin/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { window: 'readonly', document: 'readonly' } },
  },
);
