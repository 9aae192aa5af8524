import type { ConfigData } from "html-validate";

/**
 * html-validate's configuration for the built pages (tests/build/html-validate.test.ts), in one
 * place, with a reason for every rule switched off. Only rules about how markup is written are
 * off; every rule about semantics, accessibility and correctness stays on.
 * https://html-validate.org/rules/presets.html
 */
export const htmlValidateConfig: ConfigData = {
  // The built site lives in a temporary folder: use this configuration, never a file found above it.
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    // Style: `<!doctype html>` and `<!DOCTYPE html>` are the same doctype (HTML spec: case-insensitive); we write it in lower case.
    "doctype-style": "off",
    // Style: a long <title> is a search-snippet length guideline, not an error; a post's title is the author's, plus " · site title".
    "long-title": "off",
  },
};
