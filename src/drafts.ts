import { parseFrontMatterDate } from "./front-matter-schema.ts";

/** Whether a page is out for readers, held back as a draft, or waiting for its date. */
export type PublicationState = "published" | "draft" | "scheduled";

/** A page's state from its data (`draft`, `date`) at the moment `now`. */
export function toPublicationState(data: { draft?: unknown; date?: unknown }, now: Date): PublicationState {
  if (data.draft === true) return "draft";
  const date = parseFrontMatterDate(data.date);
  return date && date.getTime() > now.getTime() ? "scheduled" : "published";
}

export interface PublishOptions {
  /** Eleventy's run mode: only a production build (`build`) leaves pages out; `serve` and `watch` preview them. */
  runMode: "build" | "serve" | "watch";
  /** Publish future-dated posts anyway (a preview build of the schedule). */
  includeScheduled: boolean;
}

/** Whether a page in this state is left out of the output and of every collection. */
export function isHeldBack(state: PublicationState, options: PublishOptions): boolean {
  if (options.runMode !== "build" || state === "published") return false;
  return state === "draft" || !options.includeScheduled;
}
