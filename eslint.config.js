// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', '.scratch/', 'coverage/', 'schemas/json/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // One import style: the package's subpath imports (#functions/..., #infra/..., #schemas/..., #test/...)
    // for anything outside the importing file's own folder; './' only for the same folder or below.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../*', '../**'], message: "Import with '#functions/...' (or #infra, #schemas, #test) instead of '../'." }],
        },
      ],
    },
  },
  {
    // Domain and EDI code must stay pure: no AWS SDK, no store. Use-cases get the store passed in.
    files: [
      'functions/x12/**',
      'functions/payers/exchange/**',
      'functions/claims/**',
      'functions/accounts/**',
      'functions/errors/**',
      'functions/reports/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', '../**'], message: "Import with '#functions/...' instead of '../'." },
            {
              group: ['@aws-sdk/*', '**/store/**', '#functions/store/*'],
              message: 'Domain modules are pure: no AWS SDK or store imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use-cases: the store and the payer gateway come in as arguments; AWS clients stay in handlers and platform.
    files: [
      'functions/eligibility/**',
      'functions/submission/**',
      'functions/follow-up/**',
      'functions/acknowledgements/**',
      'functions/remittance/**',
      'functions/inbound/**',
      'functions/queues/**',
      'functions/denials/**',
      'functions/reporting/**',
      'functions/account-inquiries/**',
      'functions/records/**',
      'functions/reference/**',
      'functions/clearinghouse/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', '../**'], message: "Import with '#functions/...' instead of '../'." },
            { group: ['@aws-sdk/*'], message: 'Use-cases get their clients passed in: no AWS SDK imports.' },
          ],
        },
      ],
    },
  },
);
