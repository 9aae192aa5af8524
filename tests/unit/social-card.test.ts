import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CARD_COLOURS, CARD_HEIGHT, CARD_WIDTH, cardFallbackFonts, layoutPostCard, layoutSiteCard, TITLE_BOX, whyNoCard, type CardContent } from "../../src/cards/card-template.ts";
import { isEmoji, twemojiFile } from "../../src/cards/emoji.ts";
import { measureStack } from "../../src/cards/font-metrics.ts";
import { fontStack, loadCardFonts, measureText, missingGlyphs, satoriFontFiles } from "../../src/cards/fonts.ts";
import { isIntactPng, pngChunkTypes } from "../../src/cards/png.ts";
import { ELLIPSIS, fitLine, fitTitle, wrapText, type Measure } from "../../src/cards/text-fit.ts";
import { renderCardPngSatori } from "../../src/cards/satori-card.ts";
import { cardKey, postCardPath, renderCardPng, writeCards } from "../../src/social-cards.ts";

const fonts = loadCardFonts();
const SITE = { title: "Invisible Servers", description: "Notes on cloud computing, serverless and software architecture.", url: "https://blog.example.com" };
const postCard = (title: string, tags: string[] = ["serverless", "performance"]) =>
  layoutPostCard({ title, date: "March 18, 2024", tags, siteName: SITE.title }, fonts);

const WORDS = "cold start latency measured across three clouds with provisioned concurrency and connection pools".split(" ");
/** 300 characters of words: the longest title the issue asks for. */
const LONG_TITLE = Array.from({ length: 60 }, (_, i) => WORDS[i % WORDS.length]).join(" ").slice(0, 300);
const CJK_TITLE = "サーバーレスの設計：関数、イベント、そして運用の現実";
/** 150 CJK characters, no spaces: breaks between characters, then truncates. */
const LONG_CJK_TITLE = [..."「サーバーレス」関数の設計と運用、イベント駆動のアーキテクチャ、コールドスタートの測定と改善、そして本番環境での監視について。".repeat(4)].slice(0, 150).join("");
const EMOJI_TITLE = "Cold starts 🚀 measured 🔥";
/** Graphemes of `text` repeated up to 300 characters (UTF-16 units), never cutting an emoji in two. */
const upTo300 = (text: string) => {
  let out = "";
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text.repeat(20))) {
    if ((out + segment).length > 300) break;
    out += segment;
  }
  return out;
};
/** 300 characters of words, emoji (a ZWJ sequence, a flag, a keycap, a skin tone) and kanji. */
const LONG_EMOJI_TITLE = upTo300("Cold starts 🚀 measured 🔥 across three clouds 👩‍💻 with 🇯🇵 東京 regions #️⃣ and ❤️ connection pools 👍🏽 ");
const HEBREW_TITLE = "שרתים בלתי נראים: מדידת התחלה קרה";

/** Decoded RGBA pixels of a PNG, with a real decoder (sharp / libvips). */
async function decode(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const BACKGROUND = [0x1f, 0x4f, 0xa3] as const;

/** Pixels within `margin` of any edge that are not the background colour. */
function marginIntruders(image: { data: Buffer; width: number; height: number }, margin: number): number {
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (x >= margin && x < image.width - margin && y >= margin && y < image.height - margin) continue;
      const at = (y * image.width + x) * 4;
      if (image.data[at] !== BACKGROUND[0] || image.data[at + 1] !== BACKGROUND[1] || image.data[at + 2] !== BACKGROUND[2]) count++;
    }
  }
  return count;
}

/** Red and orange pixels (🚀, 🔥): only a Twemoji image has them, the card's text and a missing-glyph box are white or blue. */
function warmPixels(image: { data: Buffer; width: number; height: number }): number {
  let count = 0;
  for (let at = 0; at < image.data.length; at += 4) if (image.data[at]! > image.data[at + 2]! + 60 && image.data[at]! > image.data[at + 1]! + 20) count++;
  return count;
}

/** Pixels of text colour (near white) inside a band of rows: shows the title was drawn there. */
function brightPixels(image: { data: Buffer; width: number; height: number }, fromY: number, toY: number): number {
  let count = 0;
  for (let y = fromY; y < toY; y++) for (let x = 0; x < image.width; x++) if (image.data[(y * image.width + x) * 4]! > 240) count++;
  return count;
}

describe("card PNGs", () => {
  let png: Buffer;
  beforeAll(async () => {
    png = await renderCardPng(postCard("Cold starts, measured")!);
  });

  test("are 1200×630 PNGs, decoded by a real decoder", async () => {
    const metadata = await sharp(png).metadata();
    expect(metadata.format).toBe("png");
    expect([metadata.width, metadata.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(isIntactPng(png, 1200, 630)).toBe(true);
  });

  test("are the same bytes for the same card, and carry no time stamp or text metadata", async () => {
    const again = await renderCardPng(postCard("Cold starts, measured")!);
    expect(again.equals(png)).toBe(true);
    expect(pngChunkTypes(png).filter((type) => ["tIME", "tEXt", "zTXt", "iTXt", "eXIf"].includes(type))).toEqual([]);
    // And a different title is a different picture (the check above can fail).
    expect((await renderCardPng(postCard("Cold starts, measured again")!)).equals(png)).toBe(false);
  });

  test("use the site's accent blue as the field", async () => {
    const image = await decode(png);
    expect([...image.data.subarray(0, 3)]).toEqual([...BACKGROUND]);
    expect(CARD_COLOURS.background).toBe("#1f4fa3");
  });
});

describe("titles never leave the card", () => {
  test.each([
    ["a 300-character title", LONG_TITLE],
    ["a title of one 200-character word", "Supercalifragilistic".repeat(10)],
    ["a short title", "Hi"],
  ])("%s: the outer 40 px stay background, and the title is drawn", async (_name, title) => {
    const content = postCard(title)!;
    const image = await decode(await renderCardPng(content));
    expect(marginIntruders(image, 40)).toBe(0);
    expect(brightPixels(image, 150, 500)).toBeGreaterThan(500);
  });

  test("the 300-character title is shrunk, wrapped and truncated with an ellipsis", () => {
    const { title } = postCard(LONG_TITLE)!;
    expect(title.fontSize).toBe(TITLE_BOX.sizes.at(-1));
    expect(title.truncated).toBe(true);
    expect(title.lines.at(-1)!.endsWith(ELLIPSIS)).toBe(true);
    expect(title.lines.length * title.fontSize * TITLE_BOX.lineHeight).toBeLessThanOrEqual(TITLE_BOX.height);
    for (const line of title.lines) expect(measureText(fonts.metrics[700], line, title.fontSize)).toBeLessThanOrEqual(TITLE_BOX.width);
    // Nothing but the cut tail is lost: the lines are the title's own words, in order.
    expect(LONG_TITLE.startsWith(title.lines.slice(0, -1).join(" "))).toBe(true);
  });

  test("the site card stays inside the card too", async () => {
    const image = await decode(await renderCardPng(layoutSiteCard(SITE, fonts)));
    expect(marginIntruders(image, 40)).toBe(0);
    expect(brightPixels(image, 150, 500)).toBeGreaterThan(500);
  });

  test("a title with a character neither Inter nor Noto Sans JP has (Devanagari, simplified-only Chinese) gets the site card", () => {
    // 𥱋 and 𥻨 (CJK Extension B) are in two Noto Sans JP files; satori would look the second up in the first's (it keys fonts by UTF-16 unit) and draw a box.
    for (const title of ["नमस्ते: serverless", "简体中文的这些们", "テスト 𥱋𥻨"]) {
      expect(postCard(title)).toBeUndefined();
      expect(whyNoCard(title, fonts)).toMatch(/no glyph for/);
    }
  });

  test("a right-to-left title (Hebrew, Arabic) gets the site card: the card sets text left to right only", () => {
    for (const title of [HEBREW_TITLE, "خوادم غير مرئية", "Notes on \u202Eabc"]) {
      expect(postCard(title)).toBeUndefined();
      expect(whyNoCard(title, fonts)).toMatch(/right-to-left/);
    }
  });

  test("Latin with accents, Greek and Cyrillic get their own card", () => {
    for (const title of ["Çà et là: crème brûlée", "Αόρατοι διακομιστές", "Невидимые серверы"]) expect(postCard(title)).toBeDefined();
  });

  test("a tag the fonts cannot draw is left off the card; the date and other tags stay, a Japanese tag too", () => {
    expect(postCard("Tags", ["हिन्दी", "serverless"])!.meta).toBe("March 18, 2024 · serverless");
    expect(postCard("Tags", ["日本語", "serverless"])!.meta).toBe("March 18, 2024 · 日本語 · serverless");
  });

  test("every font file has its own name for satori, which keeps one file per name and weight (Greek, Cyrillic and CJK would be boxes)", () => {
    const files = satoriFontFiles(fonts, cardFallbackFonts(postCard(CJK_TITLE)!));
    expect(new Set(files.map((file) => `${file.name} ${file.weight}`)).size).toBe(files.length);
  });
});

describe("CJK and emoji titles (Noto Sans JP, Twemoji)", () => {
  let siteCard: Buffer;
  beforeAll(async () => {
    siteCard = await renderCardPng(layoutSiteCard(SITE, fonts));
  });

  test.each([
    ["a Japanese title", CJK_TITLE],
    ["a title of 150 CJK characters", LONG_CJK_TITLE],
    ["an emoji title", EMOJI_TITLE],
    ["a 300-character mix of words, emoji and kanji", LONG_EMOJI_TITLE],
  ])("%s: a post card of its own, 1200×630, the outer 40 px background, the title drawn, the same bytes twice", async (_name, title) => {
    expect(whyNoCard(title, fonts)).toBeUndefined();
    const content = postCard(title)!;
    const png = await renderCardPng(content);
    expect(png.equals(siteCard)).toBe(false);
    const image = await decode(png);
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(marginIntruders(image, 40)).toBe(0);
    expect(brightPixels(image, 150, 500)).toBeGreaterThan(500);
    if (/\p{Extended_Pictographic}/u.test(title)) expect(warmPixels(image)).toBeGreaterThan(300);
    // A Latin card drawn in between (another font list, other shaping caches) changes nothing.
    await renderCardPng(postCard("Cold starts, measured")!);
    expect((await renderCardPng(postCard(title)!)).equals(png)).toBe(true);
  });

  test("Inter lacks kana and kanji: the card loads only the Noto Sans JP subsets its text needs, and names them (they are part of the key)", () => {
    expect(missingGlyphs(fonts.metrics[700], CJK_TITLE).length).toBeGreaterThan(0);
    const content = postCard(CJK_TITLE, ["serverless"])!;
    expect(content.fallbackFonts.length).toBeGreaterThan(0);
    expect(content.fallbackFonts.length).toBeLessThan(15);
    for (const file of content.fallbackFonts) expect(file).toMatch(/^noto-sans-jp-\d+-700-normal\.woff$/);
    expect(postCard("Cold starts, measured")!.fallbackFonts).toEqual([]);
    expect(cardKey(content)).not.toBe(cardKey({ ...content, fallbackFonts: content.fallbackFonts.slice(1) }));
  });

  test("a CJK title breaks between characters, never before 、 or ー, and loses nothing", () => {
    const { title } = postCard(CJK_TITLE)!;
    expect(title.truncated).toBe(false);
    expect(title.lines.length).toBeGreaterThan(1);
    expect(title.lines.join("")).toBe(CJK_TITLE);
    for (const line of title.lines) expect(line).not.toMatch(/^[、。：ーァィゥェォッャュョ]/u);
  });

  test("the 150-character CJK title is shrunk, wrapped and truncated, every line measured with the font that draws it", () => {
    const content = postCard(LONG_CJK_TITLE)!;
    const { title } = content;
    expect(title.fontSize).toBe(TITLE_BOX.sizes.at(-1));
    expect(title.truncated).toBe(true);
    expect(title.lines.at(-1)!.endsWith(ELLIPSIS)).toBe(true);
    expect(title.lines.length * title.fontSize * TITLE_BOX.lineHeight).toBeLessThanOrEqual(TITLE_BOX.height);
    const stack = fontStack(fonts, cardFallbackFonts(content), 700);
    for (const line of title.lines) expect(measureStack(stack, line, title.fontSize)).toBeLessThanOrEqual(TITLE_BOX.width);
    // Full-width kana and kanji are 1 em in Noto Sans JP; Inter's fallback guess would not know.
    expect(measureStack(stack, "設計", 100)).toBe(200);
    expect(LONG_CJK_TITLE.startsWith(title.lines.slice(0, -1).join(""))).toBe(true);
  });

  test("a Latin card has none of the emoji colours (the check above can fail)", async () => {
    expect(warmPixels(await decode(await renderCardPng(postCard("Cold starts, measured")!)))).toBe(0);
  });

  test("an emoji is measured 1 em wide, a ZWJ sequence, a flag and a keycap each as one", () => {
    const stack = fontStack(fonts, [], 700);
    for (const emoji of ["🚀", "👩‍💻", "🇯🇵", "#️⃣", "❤️", "👍🏽"]) {
      expect(measureStack(stack, emoji, 100)).toBe(100);
      expect(twemojiFile(emoji)).toMatch(/\.svg$/);
    }
    // Twemoji leaves U+FE0F out of a name unless the sequence has a joiner.
    expect(twemojiFile("❤️")).toBe("2764.svg");
    expect(twemojiFile("❤️‍🔥")).toBe("2764-fe0f-200d-1f525.svg");
  });

  test("an emoji Twemoji has no image for is left out of the card, never drawn as a box; a title of only such emoji gets the site card", () => {
    const phoenix = "🐦‍🔥"; // Emoji 15.1, after Twemoji 15.0
    expect(isEmoji(phoenix)).toBe(true);
    expect(twemojiFile(phoenix)).toBeUndefined();
    expect(postCard(`Rising ${phoenix} from cold starts`)!.title.lines).toEqual(["Rising from cold starts"]);
    expect(postCard(`${phoenix} ${phoenix}`)).toBeUndefined();
    expect(whyNoCard(phoenix, fonts)).toMatch(/Twemoji has no image/);
  });
});

describe("the fitting rule (src/cards/text-fit.ts)", () => {
  // A monospaced measure: every character is 0.5 em wide, so the expected lines can be worked out by hand.
  const mono: Measure = (text, size) => [...text].length * size * 0.5;
  const box = { width: 100, height: 60, lineHeight: 1, sizes: [20, 10] };

  test("takes the largest size at which the wrapped text fits", () => {
    // At 20 px: 10 characters a line, 3 lines.
    expect(fitTitle("aaaa bbbb cccc", box, mono)).toEqual({ fontSize: 20, lines: ["aaaa bbbb", "cccc"], truncated: false });
    // 4 lines at 20 px do not fit in 60 px; at 10 px (20 a line, 6 lines) they do.
    expect(fitTitle("aaaaaaaa bbbbbbbb cccccccc dddddddd", box, mono)).toEqual({ fontSize: 10, lines: ["aaaaaaaa bbbbbbbb", "cccccccc dddddddd"], truncated: false });
  });

  test("breaks CJK text between any two characters, except before closing punctuation and after opening brackets", () => {
    // 5 characters a line at 20 px; "、" may not start a line, so "お、" moves down together.
    expect(wrapText("あいうえお、かきくけこ", 50, 20, mono)).toEqual(["あいうえ", "お、かきく", "けこ"]);
    expect(wrapText("あいうえ「かき」", 50, 20, mono)).toEqual(["あいうえ", "「かき」"]);
    // Latin words inside CJK text stay whole.
    expect(wrapText("関数 Lambda", 60, 20, mono)).toEqual(["関数", "Lambda"]);
  });

  test("breaks a word wider than the line between graphemes", () => {
    expect(wrapText("abcdefghijklmnopqrstuvwxyz", 100, 20, mono)).toEqual(["abcdefghij", "klmnopqrst", "uvwxyz"]);
    // A flag or a family emoji is one grapheme: never split.
    expect(wrapText("👩‍👩‍👧👩‍👩‍👧", 30, 20, (text, size) => Array.from(new Intl.Segmenter().segment(text)).length * size)).toEqual(["👩‍👩‍👧", "👩‍👩‍👧"]);
  });

  test("truncates at the smallest size, at a word when it can, with an ellipsis", () => {
    const fitted = fitTitle(Array.from({ length: 40 }, () => "word").join(" "), box, mono);
    expect(fitted.fontSize).toBe(10);
    expect(fitted.lines).toHaveLength(6);
    expect(fitted.lines.at(-1)).toBe(`word word word${ELLIPSIS}`);
    for (const line of fitted.lines) expect(mono(line, 10)).toBeLessThanOrEqual(100);
  });

  test("one line: kept when it fits, cut with an ellipsis when not", () => {
    expect(fitLine("short", 100, 20, mono)).toBe("short");
    expect(fitLine("March 18, 2024 · serverless", 100, 20, mono)).toBe(`March 18${ELLIPSIS}`);
  });
});

describe("the card cache", () => {
  let cacheDir: string;
  let outDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "card-cache-"));
    outDir = await mkdtemp(join(tmpdir(), "card-out-"));
  });
  afterAll(() => Promise.all([rm(cacheDir, { recursive: true, force: true }), rm(outDir, { recursive: true, force: true })]));

  test("renders a card once, then copies it; a damaged cache file is drawn again", async () => {
    const content = postCard("Cached")!;
    const key = cardKey(content);
    let renders = 0;
    const render = async (card: CardContent) => {
      renders++;
      return renderCardPng(card);
    };
    const job = { content, key, outputFile: join(outDir, "a.png") };
    expect(await writeCards([job], { cacheDir, render })).toEqual({ rendered: 1, fromCache: 0 });
    const first = await readFile(job.outputFile);
    expect(await writeCards([{ ...job, outputFile: join(outDir, "b.png") }], { cacheDir, render })).toEqual({ rendered: 0, fromCache: 1 });
    expect((await readFile(join(outDir, "b.png"))).equals(first)).toBe(true);
    expect(renders).toBe(1);

    await writeFile(join(cacheDir, `${key}.png`), first.subarray(0, first.length - 100));
    expect(await writeCards([job], { cacheDir, render })).toEqual({ rendered: 1, fromCache: 0 });
    expect((await readFile(join(cacheDir, `${key}.png`))).equals(first)).toBe(true);
  });

  test("the key changes with what the card shows", () => {
    expect(cardKey(postCard("One")!)).not.toBe(cardKey(postCard("Two")!));
    expect(cardKey(postCard("One")!)).toBe(cardKey(postCard("One")!));
    expect(cardKey(postCard("One")!, "engine-a")).not.toBe(cardKey(postCard("One")!, "engine-b"));
  });

  test("a PNG cut short or with a flipped bit is not intact", async () => {
    const png = await renderCardPng(layoutSiteCard(SITE, fonts));
    expect(isIntactPng(png, 1200, 630)).toBe(true);
    expect(isIntactPng(png, 1200, 631)).toBe(false);
    expect(isIntactPng(png.subarray(0, png.length - 1), 1200, 630)).toBe(false);
    const flipped = Buffer.from(png);
    flipped[flipped.length >> 1]! ^= 0x10;
    expect(isIntactPng(flipped, 1200, 630)).toBe(false);
    expect(isIntactPng(Buffer.from("not a png at all, just text"), 1200, 630)).toBe(false);
  });

  test("card paths follow the post URL and carry the key", () => {
    expect(postCardPath("/posts/cold-starts/", "0123456789abcdef")).toBe("/social-cards/posts/cold-starts.0123456789.png");
    expect(postCardPath("/notes.html", "abcdef0123456789")).toBe("/social-cards/notes.abcdef0123.png");
  });
});

/** A small seeded generator (mulberry32): the same titles on every run, many kinds of them. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = {
  word: [...WORDS, "Ünïcödé", "Κβάντα", "Сервер", "x", "supercalifragilisticexpialidocious"],
  cjk: [..."サーバーレスの設計関数イベント運用現実東京測定改善、。「」ー"],
  emoji: ["🚀", "🔥", "👩‍💻", "🇯🇵", "#️⃣", "❤️", "👍🏽"],
};

/** `count` titles from 1 to about 300 characters mixing Latin, Greek, Cyrillic, Japanese and emoji, with and without spaces. */
function generatedTitles(count: number, seed: number): string[] {
  const random = seeded(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() ** 2 * 300);
    let title = "";
    while (title.length < length) {
      const kind = pick(["word", "word", "word", "cjk", "emoji"] as const);
      title += kind === "cjk" ? Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(PIECES.cjk)).join("") : pick(PIECES[kind]);
      if (random() < 0.8) title += " ";
    }
    return title.trim() || "x";
  });
}

/** Rows of the card with any pixel away from the field colour: where text, the rule and emoji are. */
function inkRows(image: { data: Buffer; width: number; height: number }): Set<number> {
  const rows = new Set<number>();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 4;
      if (Math.abs(image.data[at]! - BACKGROUND[0]) + Math.abs(image.data[at + 1]! - BACKGROUND[1]) + Math.abs(image.data[at + 2]! - BACKGROUND[2]) > 60) {
        rows.add(y);
        break;
      }
    }
  }
  return rows;
}

describe("the Skia renderer (src/cards/canvas-card.ts) on generated titles", () => {
  const titles = generatedTitles(40, 21);

  test("every card is a whole 1200×630 PNG, its outer 40 px untouched, its title drawn, and the same bytes when drawn again after other cards", async () => {
    const first = new Map<string, Buffer>();
    for (const title of titles) {
      const content = postCard(title)!;
      expect(content, title).toBeDefined();
      const png = await renderCardPng(content);
      first.set(title, png);
      expect(isIntactPng(png, CARD_WIDTH, CARD_HEIGHT), title).toBe(true);
      const image = await decode(png);
      expect(marginIntruders(image, 40), title).toBe(0);
      expect(brightPixels(image, 150, 500), title).toBeGreaterThan(100);
    }
    // Drawn again in the reverse order: nothing of one card (fonts registered, emoji loaded, the reused canvas) reaches the next.
    for (const title of [...titles].reverse()) expect((await renderCardPng(postCard(title)!)).equals(first.get(title)!), title).toBe(true);
  });

  test("cards drawn at once share nothing: the same bytes as drawn one by one", async () => {
    const contents = titles.slice(0, 12).map((title) => postCard(title)!);
    const together = await Promise.all(contents.map((content) => renderCardPng(content)));
    for (const [i, content] of contents.entries()) expect((await renderCardPng(content)).equals(together[i]!)).toBe(true);
  });

  test("keeps the design: each card's lines of ink are where satori + resvg (the previous renderer) put them", async () => {
    for (const title of [...Object.values({ short: "Cold starts, measured", LONG_TITLE, CJK_TITLE, EMOJI_TITLE, LONG_EMOJI_TITLE }), ...titles.slice(0, 10)]) {
      const content = postCard(title)!;
      const [before, after] = await Promise.all([renderCardPngSatori(content).then(decode), renderCardPng(content).then(decode)]);
      const [old, now] = [inkRows(before), inkRows(after)];
      const moved = [...old].filter((y) => !now.has(y)).length + [...now].filter((y) => !old.has(y)).length;
      // Anti-aliasing differs at the edges of each line of text, a pixel or two; a line out of place would differ by tens of rows.
      expect(moved, title).toBeLessThanOrEqual(3 * (content.title.lines.length + 2) + 2);
    }
  });
});
