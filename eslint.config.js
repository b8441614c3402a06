import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------
// Layering of backend/src (see ../shared/STYLE.md): controllers -> services -> repositories and ports,
// pure rules in `domain/`. The rules below make it checkable. Imports are matched as written
// (relative, with their `.js` suffix), so each rule names the depth it applies at.
// ---------------------------------------------------------------------------------------------------

/** Libraries of the framework, the database, HTTP and the chain: none of them belongs in pure code. */
const IO_LIBRARIES = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-boss',
  'fastify',
  '@fastify/*',
  'ethers',
  'kubo-rpc-client',
  '@tessera/contracts',
  'class-validator',
  'class-transformer',
];

/** Folders every module may use: access rules, the TTL cache, configuration, error codes, HTTP helpers, database helpers, logs and metrics. */
const SHARED_FOLDERS = ['access', 'cache', 'config', 'errors', 'http', 'database', 'observability'];

/** What a module offers the others: its services, its Nest module, its ports, its errors, its API shapes. */
const PUBLIC_ROLES = ['service', 'module', 'port', 'exception', 'dto'];

/**
 * An import (written from `up` folders below `backend/src`) that reaches into another module for
 * something it does not offer: anything but a shared folder, the auth decorators and guard (every
 * controller's authorisation), a `domain/` file or a file of one of `roles`.
 */
function intoAnotherModule(up, roles) {
  const allowed = [
    `(?:${SHARED_FOLDERS.join('|')})/`,
    'auth/auth\\.(?:decorators|guard)\\.js$',
    // The contract between the chain indexer and the sales module (Sale, SALE_SINK).
    'market/sale\\.js$',
    '[^/]+/domain/',
    `[^/]+/[^/]+\\.(?:${roles.join('|')})\\.js$`,
  ];
  return `^${'\\.\\./'.repeat(up)}(?!\\.\\./)(?!${allowed.join('|')})[^/]+/`;
}

const MODULE_BOUNDARY_MESSAGE = `Modules reach each other through ${PUBLIC_ROLES.map((r) => `*.${r}`).join(', ')} and domain/ files only: ask the other module's service.`;

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.tessera*/**', 'migrations/*-*.ts', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest resolves constructor parameters by their runtime class: those imports must stay values.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts', '**/bench/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },

  // Two rule slots, because a later block replaces an earlier block's options for the same rule:
  // `no-restricted-imports` holds the per-layer rules (domain, controllers: disjoint files), and
  // `@typescript-eslint/no-restricted-imports` the module boundaries, which apply on top of them.

  // Domain code is pure: decisions tested without IO, reusable from the CLI and the benches. Tests of it
  // may use a library as a reference (ethers' keccak for the Merkle leaves).
  {
    files: ['backend/src/**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: IO_LIBRARIES.filter((library) => library !== '@tessera/contracts'),
              message: 'domain/ is pure: no framework, ORM, database, HTTP or chain library.',
            },
            {
              // The Merkle tree the distributor proves for is pure code of the contracts package.
              regex: '^@tessera/contracts(?!/merkle$)',
              message: 'domain/ is pure: of the contracts package, only its Merkle tree.',
            },
            {
              regex: '\\.(?:controller|service|repository|entity|module)\\.js$',
              message: 'domain/ is pure: it cannot lean on the layers that do IO.',
            },
          ],
        },
      ],
    },
  },
  // Controllers parse, authorise and call one service method: data access, contracts and the chain
  // live behind services.
  {
    files: ['backend/src/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'ethers', '@tessera/contracts'],
              message: 'Controllers call a service; the database and the chain are behind it.',
            },
            {
              regex: '\\.(?:repository|entity)\\.js$|/chain/chain\\.port\\.js$',
              message: 'Controllers call a service; repositories, entities and the chain port are behind it.',
            },
          ],
        },
      ],
    },
  },
  // Module boundaries: a module's repositories, entities and controllers are its own; others ask its
  // services. The database folder (which lists every entity) and the CLI (a composition root) are out.
  {
    files: ['backend/src/*/*.ts'],
    ignores: ['backend/src/database/**', 'backend/src/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: intoAnotherModule(1, PUBLIC_ROLES), message: MODULE_BOUNDARY_MESSAGE }] },
      ],
    },
  },
  {
    files: ['backend/src/*/*/**/*.ts'],
    ignores: ['backend/src/database/**', 'backend/src/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: intoAnotherModule(2, PUBLIC_ROLES), message: MODULE_BOUNDARY_MESSAGE }] },
      ],
    },
  },
  // Entities may name other modules' entities: a relation is the schema's foreign key.
  {
    files: ['backend/src/*/*.entity.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: intoAnotherModule(1, [...PUBLIC_ROLES, 'entity']), message: MODULE_BOUNDARY_MESSAGE }] },
      ],
    },
  },
);
