import { describe, expect, test } from "vitest";
import { toUpdatedDate } from "../../src/posts.ts";

describe("toUpdatedDate", () => {
  test("a quoted date and a YAML date are the same Date", () => {
    expect(toUpdatedDate("2024-03-19")?.toISOString()).toBe("2024-03-19T00:00:00.000Z");
    expect(toUpdatedDate(new Date("2024-03-19"))?.toISOString()).toBe("2024-03-19T00:00:00.000Z");
    expect(toUpdatedDate("2024-03-19T10:30:00Z")?.toISOString()).toBe("2024-03-19T10:30:00.000Z");
  });

  test("no `updated` is undefined", () => {
    for (const absent of [undefined, null, ""]) expect(toUpdatedDate(absent)).toBeUndefined();
  });

  test("a value that is not a date is an error naming the file and the field", () => {
    expect(() => toUpdatedDate("soon", "./posts/x.md")).toThrow(/posts\/x\.md.*"updated".*"soon"/);
  });
});
