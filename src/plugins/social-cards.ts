import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { BeforeEventArgs, CollectionApi, UserConfig } from "@11ty/eleventy";
import Image, { type ImageOptions } from "@11ty/eleventy-img";
import { failBuild, formatPostErrors, PostError } from "../build-status.ts";
import { createCardPool, type CardPool } from "../cards/card-pool.ts";
import { CARD_HEIGHT, CARD_WIDTH, layoutPostCard, layoutSiteCard } from "../cards/card-template.ts";
import { loadCardFonts } from "../cards/fonts.ts";
import { imageFilePath, locateAuthorFile } from "../author-files.ts";
import { cardEngineFingerprint, cardKey, postCardPath, SITE_CARD_PATH, writeCards, type CardJob, type SocialImage } from "../social-cards.ts";
import type { PostView } from "../post-view.ts";
import type { BuildIndex } from "../build-index.ts";
import { routes } from "../routes.ts";
import { splitFrontMatter } from "../validate-posts.ts";

export interface SocialCardsOptions {
  /** Draw a card per post (default). Off (SOCIAL_CARDS=off): posts without their own `image:` share the site card, which is still drawn, once, and cached. */
  cards?: boolean;
  /** Site name, description, URL, zone and language, as the cards show them. */
  site: { title: string; description: string; url: string };
  /** Where drawn cards are kept between builds; default `.cache/cards` in the folder Eleventy runs in (the project root). */
  cacheDir?: string;
  /** The per-build index (src/build-index.ts): title, readable date, tags and `image` of each post's view. */
  index: BuildIndex;
}

/** Every page's share image: `getSocialImage` looks a page up by URL. */
export interface SocialImageIndex {
  site: SocialImage;
  /** Posts with a card or an image of their own. */
  byUrl: Map<string, SocialImage>;
}

/** eleventy-img output for a post's `image:`, 1200 wide (never upscaled): PNG stays PNG (it may be transparent), anything else becomes JPEG, which every site that shows links reads. */
const IMAGE_WIDTH = 1200;

function lineOfImageKey(inputPath: string): number {
  const split = splitFrontMatter(readFileSync(inputPath, "utf8"));
  const index = (split.yaml ?? "").split("\n").findIndex((line) => /^["']?image["']?\s*:/.test(line));
  return index === -1 ? 1 : split.firstLine + index;
}

/**
 * Social cards and share images (src/social-cards.ts): the `socialImages`
 * collection decides, once per build, each post's image (its own `image:`,
 * its card, or the site card) and `getSocialImage` looks a page up for the
 * head and the feeds. Cards are drawn as soon as that collection is built, in
 * worker threads (src/cards/card-pool.ts) beside Eleventy's rendering, and
 * awaited when the build ends; cached cards are copied, so under `npm start`
 * an edited post draws its one new card.
 */
export function socialCardsPlugin(eleventyConfig: UserConfig, options: SocialCardsOptions): void {
  const drawCards = options.cards !== false;
  let event: Pick<BeforeEventArgs, "directories" | "runMode"> | undefined;
  let outputDir = resolve("_site");
  let cacheDir = resolve(options.cacheDir ?? ".cache/cards");
  let dryRun = false;
  let jobs = new Map<string, CardJob>();
  let imageWork: Array<Promise<Error | undefined>> = [];
  let cardWork: Promise<Error | undefined> | undefined;
  // Started on the first card to draw; kept under `npm start` (idle workers do not hold the process), closed after a production build.
  let pool: CardPool | undefined;
  // Under `npm start` the output folder persists between builds: a card already written with this key is not written again.
  const written = new Map<string, string>();

  eleventyConfig.on("eleventy.before", ({ directories, runMode, outputMode }) => {
    event = { directories, runMode };
    outputDir = resolve(directories.output);
    cacheDir = resolve(options.cacheDir ?? ".cache/cards");
    dryRun = outputMode !== "fs";
    jobs = new Map();
    imageWork = [];
    cardWork = undefined;
  });

  /** Starts publishing the cards (drawn or copied from the cache) while Eleventy goes on rendering; eleventy.after awaits them. */
  const startCards = () => {
    // `npm run check` builds in memory: nothing is written.
    if (dryRun || cardWork) return;
    const pending = [...jobs.values()].filter((job) => written.get(job.outputFile) !== job.key || !existsSync(job.outputFile));
    const render = (content: CardJob["content"]) => (pool ??= createCardPool()).render(content);
    // Twice as many cards in flight as the pool has workers: while one card's cache lookup and files are read and written, its worker draws another.
    cardWork = writeCards(pending, { cacheDir, render, concurrency: 2 * availableParallelism() }).then(
      () => {
        for (const job of pending) written.set(job.outputFile, job.key);
        return undefined;
      },
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
  };

  const addJob = (path: string, job: Omit<CardJob, "outputFile">) => jobs.set(path, { ...job, outputFile: join(outputDir, path) });

  /** A post's own `image:` (a file `locateAuthorFile` found inside posts/ or public/), through eleventy-img. */
  const ownImage = (post: PostView, file: string, image: string, alt: string): SocialImage => {
    const format = Image.ImageSize(file).type === "png" ? "png" : "jpeg";
    const imageOptions: ImageOptions = { widths: [IMAGE_WIDTH], formats: [format], outputDir: join(outputDir, routes.imageFolder), urlPath: routes.imageFolder, svgShortCircuit: false, dryRun };
    const stat = Image.statsSync(file, imageOptions)[format]![0]!;
    // eleventy-img creates its output folder once per process; a production rebuild has just emptied _site/.
    if (!dryRun) mkdirSync(imageOptions.outputDir!, { recursive: true });
    imageWork.push(Image(file, imageOptions).then(
      () => undefined,
      (error: unknown) => new Error(`${post.inputPath}: could not process image "${image}": ${error instanceof Error ? error.message : String(error)}`),
    ));
    return { url: stat.url, width: stat.width, height: stat.height, type: format === "png" ? "image/png" : "image/jpeg", alt, kind: "image" };
  };

  eleventyConfig.addCollection("socialImages", async (api: CollectionApi): Promise<SocialImageIndex> => {
    const { site } = options;
    const fonts = loadCardFonts();
    const engine = cardEngineFingerprint(fonts);
    const siteContent = layoutSiteCard(site, fonts);
    addJob(SITE_CARD_PATH, { content: siteContent, key: cardKey(siteContent, engine) });
    const index: SocialImageIndex = {
      site: { url: SITE_CARD_PATH, width: CARD_WIDTH, height: CARD_HEIGHT, type: "image/png", alt: `${site.title}: ${site.description}`, kind: "site" },
      byUrl: new Map(),
    };
    const posts = options.index.posts(api, eleventyConfig.pathPrefix).byUrl.values();
    const missing: PostError[] = [];
    for (const post of posts) {
      const { title } = post;
      if (post.image) {
        const { file: image, alt } = post.image;
        const located = locateAuthorFile(post.inputPath, imageFilePath(image) ?? image, `image: "${image}"`);
        if ("file" in located) index.byUrl.set(post.url, ownImage(post, located.file, image, alt));
        else missing.push(new PostError(post.inputPath, lineOfImageKey(post.inputPath), located.problem));
        continue;
      }
      if (!drawCards) continue;
      // Title, date and tags as the post's view has them (tags in the tag index's spelling, the date in the site's zone).
      const content = layoutPostCard({ title, date: post.readableDate, tags: post.tagNames, siteName: site.title }, fonts);
      // A title the card cannot draw (a character neither Inter nor Noto Sans JP has, right-to-left text) keeps the site card.
      if (!content) continue;
      const key = cardKey(content, engine);
      const path = postCardPath(post.url, key);
      addJob(path, { content, key, source: post.inputPath });
      index.byUrl.set(post.url, { url: path, width: CARD_WIDTH, height: CARD_HEIGHT, type: "image/png", alt: `${title} — ${site.title}`, kind: "card" });
    }
    if (missing.length) {
      const count = missing.length === 1 ? "1 post has an image: that does not exist" : `${missing.length} posts have an image: that does not exist`;
      // eleventy.before always runs before collections; without it (a bare test instance) fail all the same.
      if (!event) throw new Error(formatPostErrors(missing));
      throw await failBuild(`${count} (listed above). The build FAILED.`, formatPostErrors(missing), event, missing);
    }
    startCards();
    return index;
  });

  /** The page's share image: its post's own or card, else the site card. */
  eleventyConfig.addFilter("getSocialImage", (index: SocialImageIndex, url: string): SocialImage => index.byUrl.get(url) ?? index.site);
  /** A post's own image or card for its feed entry; undefined when it would only be the site card, which says nothing about the post. */
  eleventyConfig.addFilter("getPostImage", (index: SocialImageIndex, url: string): SocialImage | undefined => index.byUrl.get(url));

  eleventyConfig.on("eleventy.after", async ({ runMode }) => {
    const errors = (await Promise.all([...imageWork, cardWork ?? Promise.resolve(undefined)])).filter((error): error is Error => error !== undefined);
    imageWork = [];
    if (runMode === "build" && pool) {
      await pool.close();
      pool = undefined;
    }
    if (errors.length) throw new Error(errors.map((error) => error.message).join("\n"));
  });
}
