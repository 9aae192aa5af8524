import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { site as siteData } from "../../src/site.ts";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

const SEED = "posts/embracing-serverless-architecture/index.html";
const SECOND = "posts/serverless-architecture-invisible-hands/index.html";

/** The real posts, built once for this file. */
let site: BuiltSite;
beforeAll(async () => { site = await buildSite(); });
afterAll(() => site?.cleanup());

describe("the real site", () => {

  test("has a home, an about page, a 404 page and a page per post", async () => {
    const files = await site.files();
    expect(files).toEqual(expect.arrayContaining(["index.html", "about/index.html", "404.html", SEED, SECOND, "styles.css"]));
    expect(files.filter((file) => file.startsWith("posts/") && file.endsWith(".html"))).toHaveLength(2);
  });

  test("renders no README, tests or sources as pages", async () => {
    const files = await site.files();
    expect(files.some((file) => /readme|^tests\/|^src\/|node_modules/i.test(file))).toBe(false);
  });

  test("the seed post keeps its front matter: title, date, tags", async () => {
    const doc = await site.page(SEED);
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(doc.querySelector("h1")?.textContent).toBe("Embracing Serverless Architecture");
    const time = doc.querySelector("article time")!;
    expect(time.getAttribute("datetime")).toBe("2023-05-20");
    expect(time.textContent).toBe("May 20, 2023");
    const tags = [...doc.querySelectorAll('article a[rel="tag"]')].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(tags).toEqual([["cloud computing", "/tags/cloud-computing/"], ["serverless", "/tags/serverless/"]]);
    expect(doc.querySelector('meta[name="viewport"]')).not.toBeNull();
  });

  test("its Python block is highlighted with Prism token spans", async () => {
    const doc = await site.page(SEED);
    const code = doc.querySelector("pre.language-python code")!;
    expect([...code.querySelectorAll(".token.keyword")].map((t) => t.textContent)).toEqual(["def", "return"]);
    expect(code.querySelector(".token.function")?.textContent).toBe("lambda_handler");
    expect(code.querySelector(".token.string")?.textContent).toBe("'statusCode'");
  });

  test("the second post is published with its real characters, not mojibake", async () => {
    const doc = await site.page(SECOND);
    const text = doc.querySelector("article")!.textContent!;
    expect(doc.querySelector("h1")?.textContent).toBe("Serverless Architecture: The Invisible Hands Behind Your App’s Curtain Call");
    expect(text).toContain("don’t manage them");
    expect(text).toContain("👉 Catch Episode 1");
    expect(text).toContain("🗨️");
    for (const garbage of ["‚Äô", "‚Äî", "üëâ", "â€™", "Ã©"]) expect(text).not.toContain(garbage);
  });

  test("home lists the newest post first, with date, description and tags", async () => {
    const doc = await site.page("index.html");
    const items = [...doc.querySelectorAll(".post-list > li")];
    expect(items.map((item) => item.querySelector("h2 a")?.getAttribute("href"))).toEqual([
      "/posts/serverless-architecture-invisible-hands/",
      "/posts/embracing-serverless-architecture/",
    ]);
    expect(items[1]!.querySelector("time")?.getAttribute("datetime")).toBe("2023-05-20");
    expect(items[1]!.querySelector("p:not(.post-meta)")?.textContent).toMatch(/^Serverless architecture has been gaining/);
    expect(items[0]!.querySelector("p:not(.post-meta)")?.textContent).toMatch(/^What serverless really means/);
    expect(items[1]!.querySelectorAll('a[rel="tag"]')).toHaveLength(2);
  });

  test("the 404 page says the page was not found and links home", async () => {
    const doc = await site.page("404.html");
    expect(doc.querySelector("h1")?.textContent).toBe("Page not found");
    expect(doc.querySelector('main a[href="/"]')).not.toBeNull();
  });

  test("pages link one stylesheet and load no script but the enhancement file", async () => {
    for (const path of ["index.html", SEED, "about/index.html", "404.html"]) {
      const doc = await site.page(path);
      // JSON-LD is a data block, not a script that runs.
      const scripts = [...doc.querySelectorAll("script")].filter((script) => script.getAttribute("type") !== "application/ld+json");
      expect(scripts.map((script) => script.getAttribute("src"))).toEqual(["/enhance.js"]);
      expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute("href")).toBe("/styles.css");
    }
  });
});

describe("who writes the blog: home, footer and About", () => {
  let withPhoto: BuiltSite;
  const author = { name: "Ada Example", url: "/about/", email: "ada@example.com", photo: "https://avatars.example/ada.jpg", me: ["https://mastodon.example/@ada"] };
  beforeAll(async () => {
    // An absolute photo URL: a file for it would have to go in public/, which fixtures share with the real site.
    withPhoto = await buildSite({ site: { author } });
  });
  afterAll(() => withPhoto?.cleanup());

  test("home opens with a visible h1, the site's title, and its tagline", async () => {
    const doc = await site.page("index.html");
    const h1 = doc.querySelector("main h1")!;
    expect(h1.textContent).toBe(siteData.title);
    expect(h1.closest(".visually-hidden")).toBeNull();
    expect(h1.classList.contains("visually-hidden")).toBe(false);
    expect(doc.querySelector("main .home-tagline")?.textContent).toBe(siteData.description);
  });

  test("the footer names the author and links to subscribe, without repeating the tagline", async () => {
    for (const path of ["index.html", SEED, "about/index.html"]) {
      const footer = (await site.page(path)).querySelector(".site-footer")!;
      expect(footer.textContent).not.toContain(siteData.description);
      expect(footer.querySelector('a[href="/about/"]')?.textContent).toBe(siteData.author.name);
      expect(footer.querySelector('a[href="/subscribe/"]')).not.toBeNull();
    }
  });

  test("About names the author, says what the blog is about, and shows a picture only when site.author.photo is set", async () => {
    const about = await site.page("about/index.html");
    const card = about.querySelector("main .h-card")!;
    expect(card.querySelector(".p-name")?.textContent).toBe(siteData.author.name);
    expect(card.querySelector("img")).toBeNull();
    expect(about.querySelector("main")!.textContent).toContain("serverless architecture");

    const doc = await withPhoto.page("about/index.html");
    const photoCard = doc.querySelector("main .h-card")!;
    expect(photoCard.querySelector(".p-name")?.textContent).toBe("Ada Example");
    const img = photoCard.querySelector("img.u-photo")!;
    expect([img.getAttribute("src"), img.getAttribute("width"), img.getAttribute("height")]).toEqual([author.photo, "96", "96"]);
    expect(photoCard.querySelector("a.u-email")?.getAttribute("href")).toBe("mailto:ada@example.com");
    expect([...photoCard.querySelectorAll('a[rel="me"]')].map((a) => a.getAttribute("href"))).toEqual(author.me);
  });
});

describe("code fences in a post", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({
      posts: {
        "fences.md": post("title: Fences\ndate: 2024-01-02\ntags: code", [
          "```klingon\n<div class=\"live\">not markup</div>\n```",
          "```\n<script>alert(1)</script>\n```",
          "```go\nfunc main() { fmt.Println(\"{{ not a template }}\") }\n```",
        ].join("\n\n")),
      },
    });
  });
  afterAll(() => site?.cleanup());

  test("unknown or missing languages render escaped, and never break the build", async () => {
    const doc = await site.page("posts/fences/index.html");
    expect(doc.querySelector("article div.live")).toBeNull();
    expect(doc.querySelector("article script")).toBeNull();
    const blocks = [...doc.querySelectorAll("article pre code")].map((code) => code.textContent);
    expect(blocks[0]).toBe('<div class="live">not markup</div>\n');
    expect(blocks[1]).toBe("<script>alert(1)</script>\n");
  });

  test("template syntax inside posts is left as text", async () => {
    const doc = await site.page("posts/fences/index.html");
    expect(doc.querySelector("pre.language-go")?.textContent).toContain("{{ not a template }}");
  });
});
