import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Lets Eleventy import eleventy.config.ts (and the plugins it imports) natively, as the CLI does under tsx.
    setupFiles: ["tests/helpers/register-tsx.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
