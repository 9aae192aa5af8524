import { describe, expect, test } from "vitest";
import { toIsoDate, toRfc822Date, toReadableDate, toYear } from "../../src/dates.ts";

// Eleventy parses `date: 2023-05-20` as midnight UTC.
const mayTwentieth = new Date(Date.UTC(2023, 4, 20));

describe("toReadableDate", () => {
  test("formats a front matter date as a reader reads it", () => {
    expect(toReadableDate(mayTwentieth)).toBe("May 20, 2023");
  });

  test("does not depend on the zone of the machine", () => {
    const original = process.env.TZ;
    try {
      for (const zone of ["America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
        process.env.TZ = zone;
        expect(toReadableDate(mayTwentieth)).toBe("May 20, 2023");
        expect(toIsoDate(mayTwentieth)).toBe("2023-05-20");
      }
    } finally {
      process.env.TZ = original;
    }
  });

  test("formats in the zone it is given", () => {
    const lateEvening = new Date("2023-05-20T23:30:00Z");
    expect(toReadableDate(lateEvening, "Asia/Tokyo")).toBe("May 21, 2023");
    expect(toIsoDate(lateEvening, "America/Los_Angeles")).toBe("2023-05-20");
  });

  test("throws on an invalid date rather than printing 'Invalid DateTime'", () => {
    expect(() => toReadableDate(new Date("nonsense"))).toThrow(/Invalid date/);
  });
});

describe("toIsoDate and toYear", () => {
  test("give a valid datetime attribute and the year", () => {
    expect(toIsoDate(new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29");
    expect(toYear(new Date(Date.UTC(2023, 11, 31, 23, 59)))).toBe(2023);
  });
});

describe("toRfc822Date", () => {
  test("formats RSS dates like the RSS plugin, in the given zone", async () => {
    const { dateToRfc822 } = await import("@11ty/eleventy-plugin-rss");
    const date = new Date("2024-03-07T09:05:03Z");
    expect(toRfc822Date(date)).toBe("Thu, 07 Mar 2024 09:05:03 +0000");
    expect(toRfc822Date(date)).toBe(dateToRfc822(date, "UTC"));
    expect(toRfc822Date(date, "Asia/Tokyo")).toBe(dateToRfc822(date, "Asia/Tokyo"));
  });
});
