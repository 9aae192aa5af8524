/** The slice of @11ty/eleventy-dev-server 2.x that src/plugins/dev-server.ts touches. */
declare module "@11ty/eleventy-dev-server" {
  export default class EleventyDevServer {
    static getServer(...args: unknown[]): EleventyDevServer;
  }
}
