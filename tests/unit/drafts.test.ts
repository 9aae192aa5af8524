import { expect, test } from "vitest";
import { isHeldBack, toPublicationState } from "../../src/drafts.ts";

const NOW = new Date("2024-06-01T12:00:00Z");

test("publication state from draft and date, at a given moment", () => {
  expect(toPublicationState({ draft: true, date: "2020-01-01" }, NOW)).toBe("draft");
  expect(toPublicationState({ date: new Date("2024-06-01T12:00:01Z") }, NOW)).toBe("scheduled");
  expect(toPublicationState({ date: "2024-06-02" }, NOW)).toBe("scheduled");
  expect(toPublicationState({ date: "2024-06-01" }, NOW)).toBe("published");
  expect(toPublicationState({ draft: false }, NOW)).toBe("published");
});

test("only a production build holds pages back; scheduled ones can be let through", () => {
  expect(isHeldBack("draft", { runMode: "build", includeScheduled: true })).toBe(true);
  expect(isHeldBack("scheduled", { runMode: "build", includeScheduled: false })).toBe(true);
  expect(isHeldBack("scheduled", { runMode: "build", includeScheduled: true })).toBe(false);
  expect(isHeldBack("draft", { runMode: "serve", includeScheduled: false })).toBe(false);
  expect(isHeldBack("draft", { runMode: "watch", includeScheduled: false })).toBe(false);
  expect(isHeldBack("published", { runMode: "build", includeScheduled: false })).toBe(false);
});
