/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // a hang-stop only, never a speed check: CI runs on busy shared machines where a test that takes
  // 10 s idle can take many times that (speed is `npm run bench`'s business)
  testTimeout: 180_000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/hang-stops.ts'],
};
