// js-yaml exports its built-in types (`yaml.types.timestamp`, …) but
// @types/js-yaml does not declare them; the front matter checks reuse the
// timestamp type so they read dates exactly as Eleventy's YAML parser does.
import "js-yaml";

declare module "js-yaml" {
  export const types: {
    timestamp: Type & { resolve(data: string): boolean; construct(data: string): Date };
  };
}
