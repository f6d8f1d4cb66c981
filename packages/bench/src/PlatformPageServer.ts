/**
 * The page server of `PageServer.ts` on `@effect/platform`'s HTTP server. A module of its own: importing
 * `@effect/platform-node`'s server installs undici's dispatcher as the process's global one, which changes how
 * Node's own `fetch` behaves, so only the page server's process loads it.
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import * as PageServer from "./PageServer.js"

/**
 * The same server on `@effect/platform`'s HTTP server (`NodeHttpServer` over the same `node:http` server
 * options): the same prebuilt pages through the platform's per-request pipeline, which is what any server app
 * built on it, the emulator included, pays on top of its own work.
 *
 * @category constructors
 * @since 0.1.0
 */
export const start = async (options: PageServer.Options): Promise<PageServer.PageServer> => {
  const handler = PageServer.makeHandler(options)
  const app = Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const reply = (r: PageServer.Reply) => HttpServerResponse.raw(r.body, { status: r.status, headers: r.headers })
    if (!handler.accepts(request.method, request.headers["x-amz-target"]))
      return Effect.succeed(reply(handler.reject()))
    return Effect.map(request.text, (raw) => reply(handler.answer(raw)))
  })
  const scope = Effect.runSync(Scope.make())
  const serverLayer = NodeHttpServer.layer(
    () => Http.createServer({ keepAlive: true, keepAliveTimeout: 60_000, requestTimeout: 0 }),
    { port: 0, host: "127.0.0.1" }
  )
  const context = await Effect.runPromise(Layer.buildWithScope(serverLayer, scope))
  const server = Context.get(context, HttpServer.HttpServer)
  await Effect.runPromise(Scope.extend(server.serve(app), scope))
  const address = server.address
  if (address._tag !== "TcpAddress") throw new Error("the platform server is not listening on TCP")
  return {
    url: "http://127.0.0.1:" + address.port,
    domains: handler.domains,
    requests: handler.requests,
    close: () => Effect.runPromise(Scope.close(scope, Exit.void))
  }
}
