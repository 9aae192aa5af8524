import { describeSearchIndexOfBuiltSite } from "../helpers/search-index.ts";

// Its own file: two builds with different path prefixes in one process leak the first one's prefix.
describeSearchIndexOfBuiltSite("/blog/");
