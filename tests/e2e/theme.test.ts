import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { eventually, noProblems, useSiteInBrowser } from "../helpers/browser.ts";

/** body's background in each scheme (public/styles.css: --bg). */
const BACKGROUND = { light: "rgb(255, 255, 255)", dark: "rgb(18, 21, 28)" } as const;
type Scheme = keyof typeof BACKGROUND;
const CHOICES = ["system", "light", "dark"] as const;
type Choice = (typeof CHOICES)[number];
const LABEL: Record<Choice, string> = { system: "System", light: "Light", dark: "Dark" };

const SEED = "/posts/embracing-serverless-architecture/";

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const switchGroup = (page: Page) => page.getByRole("group", { name: "Theme", exact: true });
const button = (page: Page, choice: Choice) => switchGroup(page).getByRole("button", { name: LABEL[choice], exact: true });
const stored = (page: Page) => page.evaluate(() => ({ attribute: document.documentElement.dataset.theme ?? null, saved: localStorage.getItem("theme") }));

/** The theme buttons as Chromium's accessibility tree exposes them to screen readers: role, name and pressed state. */
async function accessibleButtons(page: Page): Promise<Array<{ name: string; pressed: string }>> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree") as { nodes: Array<{ role?: { value: string }; name?: { value: string }; properties?: Array<{ name: string; value: { value: unknown } }> }> };
  await cdp.detach();
  return nodes
    .filter((node) => node.role?.value === "button" && Object.values(LABEL).includes(node.name?.value ?? ""))
    .map((node) => ({ name: node.name!.value, pressed: String(node.properties?.find((property) => property.name === "pressed")?.value.value ?? "absent") }));
}

describe("the theme switch: system, light, dark", () => {
  const site = useSiteInBrowser();

  for (const system of ["light", "dark"] as const satisfies readonly Scheme[]) {
    for (const choice of CHOICES) {
      test(`"${choice}" under a ${system} system scheme gives the ${choice === "system" ? system : choice} background, and survives a reload`, async () => {
        const { page, settledProblems } = await site.visit("/", { colorScheme: system });
        const expected = BACKGROUND[choice === "system" ? system : choice];
        // A first visit follows the system, and says so.
        await eventually(() => background(page)).toBe(BACKGROUND[system]);
        await eventually(() => button(page, "system").getAttribute("aria-pressed")).toBe("true");

        await button(page, choice).click();
        await eventually(() => background(page)).toBe(expected);
        await eventually(() => stored(page)).toEqual(choice === "system" ? { attribute: null, saved: null } : { attribute: choice, saved: choice });
        for (const other of CHOICES) await eventually(() => button(page, other).getAttribute("aria-pressed")).toBe(String(other === choice));

        await page.reload();
        await eventually(() => background(page)).toBe(expected);
        await eventually(() => button(page, choice).getAttribute("aria-pressed")).toBe("true");
        expect(await settledProblems()).toEqual(noProblems);
      });
    }
  }

  test("back to \"system\": the override and the saved choice are gone, and the page follows the system scheme as it changes", async () => {
    const { page, settledProblems } = await site.visit(SEED, { colorScheme: "light" });
    await button(page, "dark").click();
    await eventually(() => background(page)).toBe(BACKGROUND.dark);
    await button(page, "system").click();
    await eventually(() => stored(page)).toEqual({ attribute: null, saved: null });
    await eventually(() => background(page)).toBe(BACKGROUND.light);
    await page.emulateMedia({ colorScheme: "dark" });
    await eventually(() => background(page)).toBe(BACKGROUND.dark);
    await page.emulateMedia({ colorScheme: "light" });
    await eventually(() => background(page)).toBe(BACKGROUND.light);
    // And a saved choice overrides it again, whatever the system says.
    await button(page, "light").click();
    await page.emulateMedia({ colorScheme: "dark" });
    await eventually(() => background(page)).toBe(BACKGROUND.light);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("assistive tech gets a group named Theme, three buttons named for what they do, the current one pressed, and an announcement", async () => {
    const { page, settledProblems } = await site.visit("/", { colorScheme: "dark" });
    await eventually(() => accessibleButtons(page)).toEqual([
      { name: "System", pressed: "true" },
      { name: "Light", pressed: "false" },
      { name: "Dark", pressed: "false" },
    ]);
    await button(page, "dark").click();
    await eventually(() => accessibleButtons(page)).toEqual([
      { name: "System", pressed: "false" },
      { name: "Light", pressed: "false" },
      { name: "Dark", pressed: "true" },
    ]);
    const status = page.locator('[aria-live="polite"]');
    await eventually(() => status.textContent()).toBe("Dark theme");
    await button(page, "system").click();
    await eventually(() => status.textContent()).toBe("Theme follows your system setting: dark");
    expect(await settledProblems()).toEqual(noProblems);
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`the pressed button is visibly different from the others in the ${scheme} scheme`, async () => {
      const { page } = await site.visit("/", { colorScheme: scheme });
      const look = (choice: Choice) => button(page, choice).evaluate((element) => {
        const style = getComputedStyle(element);
        return { background: style.backgroundColor, color: style.color, weight: style.fontWeight };
      });
      const [pressed, light, dark] = [await look("system"), await look("light"), await look("dark")];
      expect(light).toEqual(dark);
      expect(pressed.background).not.toBe(light.background);
      expect(pressed.color).not.toBe(light.color);
      expect(Number(pressed.weight)).toBeGreaterThan(Number(light.weight));
    });
  }

  test("a saved theme is applied before the page is shown: by DOMContentLoaded, from the deferred, render-blocking file", async () => {
    const { page, settledProblems } = await site.visit("/", { colorScheme: "light" });
    await button(page, "dark").click();
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { themeAtReady?: string }).themeAtReady = document.documentElement.dataset.theme;
      });
    });
    await page.reload();
    await expect(page.evaluate(() => (window as unknown as { themeAtReady?: string }).themeAtReady)).resolves.toBe("dark");
    const script = page.locator('head script[src="/enhance.js"]');
    await eventually(() => script.evaluate((element) => [element.hasAttribute("defer"), element.getAttribute("blocking")])).toEqual([true, "render"]);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("without JavaScript there is no switch, and the page follows the system scheme", async () => {
    const { page, settledProblems } = await site.visit("/", { colorScheme: "dark", javaScriptEnabled: false });
    await eventually(() => page.locator(".theme-switch").count()).toBe(0);
    await eventually(() => background(page)).toBe(BACKGROUND.dark);
    expect(await settledProblems()).toEqual(noProblems);
  });
});
