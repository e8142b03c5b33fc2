import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is shared by the CLI, the TUI and scripts: it must never pull in the UI stack.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['ink', 'ink-*', 'react', 'react/*', 'react-*'],
              message: 'src/core must not import the UI.',
            },
            {
              group: ['**/ui/**', '**/cli/**', '**/demo/**'],
              message: 'src/core must not import ui, cli or demo.',
            },
          ],
        },
      ],
    },
  },
  {
    // The demo tenant is an independent server: it shares no code with the client side.
    files: ['src/demo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/ui/**', '**/cli/**'],
              message: 'src/demo imports nothing from the client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['ink', 'ink-*', 'react', 'react/*'],
              message: 'The CLI loads the UI only through a dynamic import().',
            },
          ],
        },
      ],
    },
  },
  {
    // The TUI shows server text through components/text.tsx, whose Text sanitizes its strings.
    files: ['src/ui/**'],
    ignores: ['src/ui/components/text.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ink',
              importNames: ['Text'],
              message: 'Import Text from src/ui/components/text.tsx: it sanitizes what it shows.',
            },
          ],
        },
      ],
    },
  },
  {
    // Text reaches the terminal only through src/cli/output.ts, which sanitizes every string.
    files: ['src/cli/**'],
    ignores: ['src/cli/output.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='write'][callee.object.property.name=/^std(out|err)$/]",
          message: 'Write through src/cli/output.ts (printLine, note, warn, printJson, writeRaw).',
        },
      ],
    },
  },
);
