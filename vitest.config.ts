import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Lets Eleventy import eleventy.config.ts (and the plugins it imports) natively, as the CLI does under tsx.
    setupFiles: ["tests/helpers/register-tsx.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Browser tests share one build of the site, made by their own global setup.
    // https://vitest.dev/guide/projects
    projects: [
      { extends: true, test: { name: "site", include: ["tests/unit/**/*.test.ts", "tests/plugins/**/*.test.ts", "tests/build/**/*.test.ts"] } },
      { extends: true, test: { name: "browser", include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/e2e/global-setup.ts"] } },
    ],
  },
});
