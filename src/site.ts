/**
 * Site metadata: the one source of truth read by layouts, feeds, the sitemap
 * and the SEO head. Exposed to templates as `site`.
 */
export interface SiteData {
  /** Shown in the header, the `<title>` suffix and feed titles. */
  title: string;
  /** Default meta description and feed subtitle. */
  description: string;
  /**
   * Absolute origin the site is served from, without a trailing slash and
   * without the path prefix (that is Eleventy's `pathPrefix`). Override with
   * `SITE_URL` at build time for previews.
   */
  url: string;
  /** BCP 47 language tag for `<html lang>` and feeds. */
  language: string;
  /**
   * `url`: the author's page as a site path (`/about/`), made absolute with
   * `url` and the path prefix wherever it is published (feeds, JSON-LD), so a
   * `SITE_URL` preview or a `--pathprefix` build points at its own copy; an
   * absolute URL (another site) is used as written.
   */
  author: {
    name: string;
    url?: string;
    email?: string;
    /** A picture of the author for the h-card on the About page: a site path (`/me.jpg`, in public/) or an absolute URL. */
    photo?: string;
    /**
     * The author's profiles elsewhere (`https://mastodon.social/@you`, a GitHub page…), linked with
     * `rel="me"` from every page's head and the About page, so that those sites can verify the blog is
     * theirs (Mastodon shows a verified link: https://docs.joinmastodon.org/user/profile/#verification).
     */
    me?: string[];
    /**
     * The author's fediverse handle, `@you@mastodon.social`: `<meta name="fediverse:creator">` makes
     * Mastodon credit them on shared links (https://blog.joinmastodon.org/2024/07/highlighting-journalism-on-mastodon/).
     */
    fediverse?: string;
  };
  /** IANA zone every date is shown in, so output never depends on the build machine's zone. */
  timeZone: string;
  /** How many of the newest posts each feed holds. */
  feedSize: number;
  /** Posts per page on tag pages. */
  tagPageSize: number;
  /** Posts listed on the home page before the link to the archive. */
  homePostCount: number;
}

export const site: SiteData = {
  title: "Invisible Servers",
  description: "Notes on cloud computing, serverless and software architecture.",
  url: (process.env.SITE_URL ?? "https://blog.example.com").replace(/\/+$/, ""),
  language: "en",
  author: { name: "The Invisible Servers team", url: "/about/" },
  timeZone: "UTC",
  feedSize: 20,
  tagPageSize: 20,
  homePostCount: 10,
};
