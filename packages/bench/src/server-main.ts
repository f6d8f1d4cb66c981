/**
 * The page server as its own process. Either `node server-main.mjs [--jobs N] [--page-size P]` (one domain named
 * `default`, whose id the client processes use when given no `--domains`), or `node server-main.mjs '<json>'` with
 * `{ domains: [{ name, jobs }], pageSize? }`. Prints one JSON line `{ url, domains, pid }` once listening, and exits
 * when its standard input closes (so it never outlives the runner) or on SIGTERM. With `--platform` (or
 * `"platform": true` in the JSON), the same pages are served through `@effect/platform`'s HTTP server.
 *
 * @since 0.1.0
 */
import * as PageServer from "./PageServer.js"
import * as Wire from "./Wire.js"

const args = process.argv.slice(2)
const flag = (name: string) => {
  const at = args.indexOf("--" + name)
  return at === -1 ? undefined : args[at + 1]
}
const config: { domains: ReadonlyArray<PageServer.DomainSpec>; pageSize?: number; platform?: boolean } =
  args[0]?.startsWith("{")
    ? (JSON.parse(args[0]) as { domains: ReadonlyArray<PageServer.DomainSpec>; pageSize?: number; platform?: boolean })
    : {
        domains: [{ name: Wire.defaultDomainName, jobs: Number(flag("jobs") ?? 100_000) }],
        pageSize: Number(flag("page-size") ?? Wire.pageSize),
        platform: args.includes("--platform")
      }
// The platform's server is loaded only when asked for (see PlatformPageServer.ts).
const start = config.platform === true ? (await import("./PlatformPageServer.js")).start : PageServer.start
const server = await start({
  domains: config.domains,
  ...(config.pageSize === undefined ? {} : { pageSize: config.pageSize })
})
process.stdout.write(JSON.stringify({ url: server.url, domains: server.domains, pid: process.pid }) + "\n")
const stop = () => {
  server.close().then(() => process.exit(0))
}
// Standard input closing means the parent is gone; a terminal keeps it open until ^D or ^C.
process.stdin.on("end", stop)
process.stdin.on("error", stop)
process.stdin.resume()
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
