import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Lets Eleventy import eleventy.config.ts (and the plugins it imports) natively, as the CLI does under tsx.
    setupFiles: ["tests/helpers/register-tsx.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Whole-site checks share one build of the real site with the kitchen-sink post, made by the first file that needs it
    // (tests/helpers/shared-site.ts); browser tests share one build and one Chromium, made by their own global setup.
    // https://vitest.dev/guide/projects
    projects: [
      { extends: true, test: { name: "site", include: ["tests/unit/**/*.test.ts", "tests/plugins/**/*.test.ts", "tests/build/**/*.test.ts"], globalSetup: ["tests/helpers/shared-builds-setup.ts"] } },
      { extends: true, test: { name: "browser", include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/e2e/global-setup.ts"] } },
    ],
  },
});
