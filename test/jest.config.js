/**
 * One Jest run: unit specs beside the code, e2e specs under test/, all on one embedded PostgreSQL.
 * NestJS 12 ships ES modules only; Node 20 can require() them, but Jest's own module loader
 * can only from Node 24.9, so those packages are compiled to CommonJS for the test run.
 */
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm', '@borewit'];

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.data/'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@workflows/(.*)$': '<rootDir>/workflows/$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
