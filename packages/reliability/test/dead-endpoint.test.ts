import * as net from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { Credentials, VoiceId, type VoiceIdConfig } from "@effect-voiceid/client"
import { NodeSigner, VoiceIdNode } from "@effect-voiceid/node"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import { record } from "../src/Figures.js"
import { probe } from "../src/Http.js"
import { until } from "../src/Waiting.js"

const DomainId = "abcdefghijklmnopqrstuv"

/** The kinds of handles this process holds, by kind (`TCPSocketWrap`, `TCPServerWrap`, `Timeout`, ...). */
const handles = (): Map<string, number> => {
  const kinds = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  return kinds
}
const sockets = () => (handles().get("TCPSocketWrap") ?? 0) + (handles().get("TCPServerWrap") ?? 0)

/** A TCP server on a free loopback port that accepts connections, reads them and never answers. */
interface SilentServer {
  readonly port: number
  /** Connections open now, as the server sees them. */
  readonly open: Set<net.Socket>
  /** Connections on which request bytes arrived. */
  readonly receiving: () => number
}

const silentServer = Effect.acquireRelease(
  Effect.async<SilentServer & { readonly server: net.Server }>((resume) => {
    const open = new Set<net.Socket>()
    let receiving = 0
    const server = net.createServer((socket) => {
      open.add(socket)
      socket.once("data", () => receiving++)
      socket.on("close", () => open.delete(socket))
      socket.on("error", () => {})
    })
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port
      resume(Effect.succeed({ port, open, receiving: () => receiving, server }))
    })
  }),
  ({ server, open }) =>
    Effect.async<void>((resume) => {
      for (const socket of open) socket.destroy()
      server.close(() => resume(Effect.void))
    })
)

/** A loopback port that nothing listens on (bound, then released). */
const refusedPort = Effect.async<number>((resume) => {
  const server = net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as net.AddressInfo).port
    server.close(() => resume(Effect.succeed(port)))
  })
})

interface Traffic {
  requests: number
  done: number
}

/** The client over node:http in its own scope (its connection pool is destroyed when the scope closes). */
const clientIn = (scope: Scope.Scope, port: number, traffic: Traffic, options: Partial<VoiceIdConfig.Options>) =>
  Effect.map(
    Layer.buildWithScope(
      VoiceId.layer({ region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, ...options }).pipe(
        Layer.provide([
          probe(
            () => traffic.requests++,
            () => traffic.done++
          ).pipe(Layer.provide(VoiceIdNode.layerHttpClient)),
          NodeSigner.layer,
          Credentials.layer({ accessKeyId: "test", secretAccessKey: "test" })
        ])
      ),
      scope
    ),
    (context) => Context.get(context, VoiceId)
  )

/**
 * Runs a forked call on the test clock. While a request is in flight, real time passes until it ends or `stalled`
 * says it never will; then (and while the call sleeps before a retry, beyond its `timers` timeout sleeps) the
 * clock moves to the next sleep. Returns the exit and the test-clock time it took.
 */
const drive = <A, E>(
  fiber: Fiber.RuntimeFiber<A, E>,
  traffic: Traffic,
  options: { readonly timers: number; readonly stalled: () => boolean }
) =>
  Effect.gen(function* () {
    const started = yield* Clock.currentTimeMillis
    for (let step = 0; step < 1_000; step++) {
      yield* until(
        Effect.zipWith(Fiber.poll(fiber), TestClock.sleeps(), (done, sleeps) =>
          Option.isSome(done)
            ? true
            : traffic.requests > traffic.done
              ? options.stalled()
              : Chunk.size(sleeps) > options.timers
        ),
        "the call to end, stall or sleep"
      )
      const sleeps = yield* TestClock.sleeps()
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return { exit: done.value, elapsed: (yield* Clock.currentTimeMillis) - started }
      yield* TestClock.setTime(Chunk.reduce(sleeps, Number.POSITIVE_INFINITY, (a, b) => Math.min(a, b)))
    }
    return yield* Effect.dieMessage("the call neither ended nor stalled in 1,000 steps")
  })

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined

/** Waits until this process holds no more sockets than `baseline`. */
const released = (baseline: number) =>
  until(
    Effect.sync(() => sockets() <= baseline),
    `the sockets to be released (baseline ${baseline}, now ${JSON.stringify([...handles()])})`,
    10_000
  )

const figures: Array<readonly [string, string | number]> = []
let totalRequests = 0
const note = (label: string, value: string | number, requests: number) => {
  figures.push([label, value])
  totalRequests += requests
}

describe("a dead endpoint", () => {
  it.scoped("connection refused: a typed TransportError after the configured attempts, within the call timeout", () =>
    Effect.gen(function* () {
      const baseline = sockets()
      const port = yield* refusedPort
      const traffic: Traffic = { requests: 0, done: 0 }
      const scope = yield* Scope.make()
      const voiceId = yield* clientIn(scope, port, traffic, { maxAttempts: 3, timeout: "5 seconds" })
      const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId }))
      const { exit, elapsed } = yield* drive(fiber, traffic, { timers: 1, stalled: () => false })
      const error = failureOf(exit)
      expect(error?._tag).toBe("TransportError")
      expect(error?.message).toContain("ECONNREFUSED")
      expect(traffic.requests).toBe(3)
      expect(elapsed).toBeLessThan(5_000)
      yield* Scope.close(scope, Exit.void)
      yield* released(baseline)
      note("refused: error, attempts, test-clock ms (call timeout 5,000)", `TransportError, 3, ${elapsed}`, 3)
    })
  )

  it.scoped("accepts and never answers: TimeoutError per attempt, retried, then final; every connection closed", () =>
    Effect.gen(function* () {
      const baseline = sockets()
      const serverScope = yield* Scope.make()
      const server = yield* Scope.extend(silentServer, serverScope)
      const traffic: Traffic = { requests: 0, done: 0 }
      const scope = yield* Scope.make()
      const voiceId = yield* clientIn(scope, server.port, traffic, {
        maxAttempts: 3,
        attemptTimeout: "1 second",
        timeout: "10 seconds"
      })
      const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId }))
      const { exit, elapsed } = yield* drive(fiber, traffic, {
        timers: 1,
        stalled: () => server.receiving() >= traffic.requests
      })
      const error = failureOf(exit)
      expect(error).toMatchObject({ _tag: "TimeoutError", scope: "attempt", timeoutMillis: 1000 })
      expect(traffic.requests).toBe(3)
      expect(server.receiving()).toBe(3)
      // Three attempts of one second each, and the two waits before the retries (at most 100 and 200 ms).
      expect(elapsed).toBeGreaterThanOrEqual(3_000)
      expect(elapsed).toBeLessThan(3_300)
      // Each timed-out attempt aborted its request: the client closed every connection, before its pool closed.
      yield* until(
        Effect.sync(() => server.open.size === 0),
        "the client to close its connections",
        10_000
      )
      yield* Scope.close(scope, Exit.void)
      yield* Scope.close(serverScope, Exit.void)
      yield* released(baseline)
      note(
        "silent server: error, attempts, test-clock ms (attempt timeout 1,000)",
        `TimeoutError (attempt), 3, ${elapsed}`,
        3
      )
    })
  )

  it.scoped("accepts and never answers: the call timeout ends the call at its time, whatever attempts are left", () =>
    Effect.gen(function* () {
      const baseline = sockets()
      const serverScope = yield* Scope.make()
      const server = yield* Scope.extend(silentServer, serverScope)
      const traffic: Traffic = { requests: 0, done: 0 }
      const scope = yield* Scope.make()
      const voiceId = yield* clientIn(scope, server.port, traffic, {
        maxAttempts: 10,
        attemptTimeout: "2 seconds",
        timeout: "3 seconds"
      })
      const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId }))
      const { exit, elapsed } = yield* drive(fiber, traffic, {
        timers: 1,
        stalled: () => server.receiving() >= traffic.requests
      })
      expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "call", timeoutMillis: 3000 })
      expect(elapsed).toBe(3_000)
      expect(traffic.requests).toBe(2)
      yield* until(
        Effect.sync(() => server.open.size === 0),
        "the client to close its connections",
        10_000
      )
      yield* Scope.close(scope, Exit.void)
      yield* Scope.close(serverScope, Exit.void)
      yield* released(baseline)
      note(
        "silent server: error, attempts, test-clock ms (call timeout 3,000)",
        `TimeoutError (call), 2, ${elapsed}`,
        2
      )
    })
  )

  it.scoped("interrupting a call in flight closes its connection; closing the client releases every handle", () =>
    Effect.gen(function* () {
      const baseline = sockets()
      const traffic: Traffic = { requests: 0, done: 0 }
      const serverScope = yield* Scope.make()
      const server = yield* Scope.extend(silentServer, serverScope)
      const scope = yield* Scope.make()
      const voiceId = yield* clientIn(scope, server.port, traffic, { maxAttempts: 3 })
      const fibers = yield* Effect.forEach(Array.from({ length: 5 }), () =>
        Effect.fork(voiceId.describeDomain({ DomainId }))
      )
      yield* until(
        Effect.sync(() => server.receiving() === 5),
        "five requests to arrive"
      )
      expect(server.open.size).toBe(5)
      yield* Fiber.interruptAll(fibers)
      yield* until(
        Effect.sync(() => server.open.size === 0),
        "the client to close its connections",
        10_000
      )
      yield* Scope.close(scope, Exit.void)
      yield* Scope.close(serverScope, Exit.void)
      yield* released(baseline)
      expect(traffic.requests).toBe(5)
      note("interrupted calls in flight: connections closed by the client", "5 of 5", 5)
      record({
        id: "dead-endpoint",
        order: 30,
        title: "Dead endpoints and interruption",
        claim:
          "The client (node:http) against a loopback port that refuses connections and a server that accepts and " +
          "never answers, on a TestClock. Each call fails with a typed TransportError or TimeoutError after its " +
          "configured attempts, at the time its timeouts set; every connection the server accepted is closed by the " +
          "client (seen from the server), and once the client's scope closes, process.getActiveResourcesInfo() " +
          "shows no more sockets than before the test.",
        rows: [...figures, ["sockets left open after the scope closed", 0]],
        totals: {
          requests: totalRequests,
          faults: totalRequests,
          faultsByKind: { "connection refused": 3, "no answer (silent server)": totalRequests - 3 }
        }
      })
    })
  )
})
