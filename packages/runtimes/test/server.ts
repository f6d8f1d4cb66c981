import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** The pages the fixture program walks: three pages, seven numbers. */
const pages: Record<string, { readonly items: ReadonlyArray<number>; readonly next: number | null }> = {
  "1": { items: [1, 2, 3], next: 2 },
  "2": { items: [4, 5, 6], next: 3 },
  "3": { items: [7], next: null }
}

/** What a run of the fixture program returns when every page arrives. */
export const expectedItems = [1, 2, 3, 4, 5, 6, 7]

/** The requests a complete run makes: page 2 fails once with a 503, and is fetched again. */
export const expectedRequests = ["page=1 200", "page=2 503", "page=2 200", "page=3 200"]

/**
 * A JSON server on 127.0.0.1 with an ephemeral port. Each run uses its own path prefix (`url(run)`), so the
 * requests of one run can be checked exactly and the once-per-run 503 is independent of other runs.
 */
export class TestServer extends Context.Tag("runtimes/test/TestServer")<
  TestServer,
  {
    readonly url: (run: string) => string
    readonly requests: (run: string) => ReadonlyArray<string>
  }
>() {
  static readonly layer = Layer.scoped(
    TestServer,
    Effect.gen(function* () {
      const log = new Map<string, Array<string>>()
      const server = Http.createServer((request, response) => {
        const url = new URL(request.url ?? "/", "http://127.0.0.1")
        const [, run = "", resource = ""] = url.pathname.split("/")
        const page = url.searchParams.get("page") ?? ""
        const seen = log.get(run) ?? []
        log.set(run, seen)
        const body = resource === "items" ? pages[page] : undefined
        const status = body === undefined ? 404 : page === "2" && !seen.includes("page=2 503") ? 503 : 200
        seen.push(`page=${page} ${status}`)
        response.writeHead(status, { "content-type": "application/json" })
        response.end(JSON.stringify(status === 200 ? body : { message: "try again" }))
      })
      const port = yield* Effect.acquireRelease(
        Effect.async<number>((resume) => {
          server.listen(0, "127.0.0.1", () => resume(Effect.succeed((server.address() as AddressInfo).port)))
        }),
        () =>
          Effect.async<void>((resume) => {
            server.closeAllConnections()
            server.close(() => resume(Effect.void))
          })
      )
      return {
        url: (run: string) => `http://127.0.0.1:${port}/${run}`,
        requests: (run: string) => [...(log.get(run) ?? [])]
      }
    })
  )
}
