import { describeSourceLinks } from "../helpers/source-links.ts";

// Under a path prefix, a link to a source file gets it once, like every other root-relative link.
describeSourceLinks("/blog/");
