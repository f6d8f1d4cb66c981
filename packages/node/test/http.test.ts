import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import * as Path from "node:path"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { VoiceId } from "@effect-voiceid/client"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { VoiceIdNode } from "../src/index.js"
import { env, tempHome, write } from "./utils.js"

/** A server answering `{}` to everything, recording each request's headers and counting connections. */
const recordingServer = Effect.acquireRelease(
  Effect.async<{ url: string; requests: Array<IncomingHttpHeaders>; connections: () => number; close: () => void }>(
    (resume) => {
      const requests: Array<IncomingHttpHeaders> = []
      let connections = 0
      const server = createServer((request, response) => {
        requests.push(request.headers)
        request.resume()
        request.on("end", () => {
          response.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "r" })
          response.end("{}")
        })
      })
      server.on("connection", () => connections++)
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(
          Effect.succeed({
            url: `http://127.0.0.1:${port}`,
            requests,
            connections: () => connections,
            close: () => {
              server.closeAllConnections()
              server.close()
            }
          })
        )
      })
    }
  ),
  (server) => Effect.sync(server.close)
)

const options = (url: string): VoiceIdNode.Options => ({
  region: "us-east-1",
  endpoint: url,
  credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }
})

describe("the node adapter's HTTP client", () => {
  it.scoped("keeps its connections alive across calls and never asks to close them", () =>
    Effect.gen(function* () {
      const server = yield* recordingServer
      yield* Effect.flatMap(VoiceId, (voiceId) => Effect.repeatN(voiceId.listDomains(), 29)).pipe(
        Effect.provide(VoiceIdNode.layer(options(server.url)))
      )
      expect(server.requests).toHaveLength(30)
      // undici may open a second connection while the first is being released; it then reuses both. Without
      // keep-alive this would be 30.
      expect(server.connections()).toBeLessThanOrEqual(3)
      expect(server.requests.map((headers) => headers.connection ?? "(none)")).not.toContain("close")
    })
  )

  it.scoped("sends no tracing headers to AWS, even inside a traced span", () =>
    Effect.gen(function* () {
      const server = yield* recordingServer
      // The control: the same HTTP client, used directly inside a span, propagates the trace.
      yield* Effect.flatMap(HttpClient.HttpClient, (http) => http.get(server.url)).pipe(
        Effect.withSpan("control"),
        Effect.provide(VoiceIdNode.layerHttpClient)
      )
      expect(Object.keys(server.requests[0]!)).toEqual(expect.arrayContaining(["traceparent", "b3"]))
      yield* Effect.flatMap(VoiceId, (voiceId) => voiceId.listDomains()).pipe(
        Effect.withSpan("caller"),
        Effect.provide(VoiceIdNode.layer(options(server.url)))
      )
      const sent = Object.keys(server.requests[1]!)
      expect(sent).toContain("authorization")
      expect(
        sent.filter(
          (name) => name === "traceparent" || name === "tracestate" || name.startsWith("b3") || name.startsWith("x-b3")
        )
      ).toEqual([])
    })
  )
})

describe("the node adapter's options", () => {
  const resolve = (vars: Record<string, string>, given?: VoiceIdNode.Options) =>
    VoiceIdNode.resolveOptions(given).pipe(Effect.withConfigProvider(env(vars)), Effect.either)

  it.scoped("takes the region from the option, else AWS_REGION, else the profile's region in the config file", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(
        Path.join(home, ".aws", "config"),
        "[default]\nregion = eu-west-1\n[profile other]\nregion = ap-southeast-2 # Sydney\n"
      )
      const regionOf = (result: Either.Either<{ readonly region: string }, ConfigError.ConfigError>) =>
        Either.isRight(result) ? result.right.region : `error: ${result.left.message}`
      expect(regionOf(yield* resolve({ HOME: home }))).toBe("eu-west-1")
      expect(regionOf(yield* resolve({ HOME: home, AWS_PROFILE: "other" }))).toBe("ap-southeast-2")
      expect(regionOf(yield* resolve({ HOME: home }, { profile: "other" }))).toBe("ap-southeast-2")
      expect(regionOf(yield* resolve({ HOME: home, AWS_REGION: "us-west-2" }))).toBe("us-west-2")
      expect(regionOf(yield* resolve({ HOME: home, AWS_REGION: "us-west-2" }, { region: "ca-central-1" }))).toBe(
        "ca-central-1"
      )
    })
  )

  it.scoped("reads the endpoint and maxAttempts as the client does, keeping what the options give", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const resolved = yield* resolve(
        { HOME: home, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_MAX_ATTEMPTS: "7" },
        { maxAttempts: 2 }
      )
      expect(Either.getOrThrow(resolved)).toEqual({
        region: "us-east-1",
        endpoint: "http://127.0.0.1:1",
        maxAttempts: 2
      })
    })
  )

  it.scoped("no region anywhere is a ConfigError that says where a region may come from", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const result = yield* resolve({ HOME: home, AWS_PROFILE: "p" })
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) {
        expect(result.left.message).toContain(
          `No region: pass one, set AWS_REGION, or add region to profile "p" in ${Path.join(home, ".aws", "config")}`
        )
      }
    })
  )

  it.effect("the layer fails with that ConfigError when built without a region", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(VoiceId, VoiceIdNode.layerConfig).pipe(
          Effect.withConfigProvider(
            env({ AWS_CONFIG_FILE: "/nonexistent/config", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/c" })
          )
        )
      )
      expect(error._op).toBe("Or")
      expect(error.message).toContain("No region")
    })
  )
})
