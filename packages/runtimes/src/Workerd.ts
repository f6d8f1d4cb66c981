/**
 * Cloudflare's `workerd`, through `miniflare`: loads a bundled Worker and dispatches requests to it.
 *
 * @since 0.1.0
 */
import type { Readable } from "node:stream"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { Bundle } from "./Bundle.js"
import { tempDirectory } from "./internal/process.js"
import { RuntimeError } from "./RuntimeError.js"

/**
 * A JSON value, as a Worker binding.
 *
 * @since 0.1.0
 * @category models
 */
export type Json = string | number | boolean | null | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkerOptions {
  /** The Worker's `env`: plain text and JSON bindings. */
  readonly bindings?: Readonly<Record<string, Json>>
  /** Default `2026-04-01`: no later than the bundled workerd supports. */
  readonly compatibilityDate?: string
  /** None by default: in particular no `nodejs_compat`, so Node-only code fails. */
  readonly compatibilityFlags?: ReadonlyArray<string>
  /** For the start and for each request (default 20 seconds). */
  readonly timeout?: Duration.DurationInput
}

/**
 * A request dispatched to the Worker. The URL's host is only what the Worker sees in `request.url`.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkerRequest {
  readonly url?: string
  readonly method?: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/**
 * The Worker's response, read whole. `millis` is for reports, never for assertions.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkerResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly millis: number
}

/**
 * A Worker running in its own workerd process, alive until its scope closes.
 *
 * @since 0.1.0
 * @category models
 */
export interface Worker {
  readonly fetch: (request?: WorkerRequest) => Effect.Effect<WorkerResponse, RuntimeError>
  /** Everything workerd printed so far (the Worker's `console.log` goes there). */
  readonly logs: Effect.Effect<string>
}

/** The latest date this package's workerd (1.20260426) accepts is 2026-04-26; a fixed date keeps runs alike. */
const COMPATIBILITY_DATE = "2026-04-01"

const fail = (reason: RuntimeError["reason"], detail: string) =>
  new RuntimeError({ runtime: "workerd", reason, detail })

const withLogs = (detail: string, logs: string): string => (logs.trim() === "" ? detail : `${detail}\n${logs.trim()}`)

/** Timeouts are wall-clock even inside tests that provide a `TestClock`, which would otherwise never fire them. */
const wallClock = Clock.make()

const within = <A>(
  effect: Effect.Effect<A, RuntimeError>,
  duration: Duration.DurationInput,
  onTimeout: () => RuntimeError
): Effect.Effect<A, RuntimeError> =>
  effect.pipe(Effect.timeoutFail({ duration, onTimeout }), Effect.withClock(wallClock))

/** Miniflare picks its temporary directory from `os.tmpdir()` synchronously in its constructor. */
const insideTemporaryDirectory = <A>(dir: string, f: () => A): A => {
  const saved = process.env.TMPDIR
  process.env.TMPDIR = dir
  try {
    return f()
  } finally {
    if (saved === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = saved
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Starts workerd with the bundled Worker. The Worker reaches the network through miniflare's default outbound
 * service, which allows public and private addresses (loopback included), so it can call a server on 127.0.0.1.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = (
  bundle: Bundle<"worker">,
  options: WorkerOptions = {}
): Effect.Effect<Worker, RuntimeError, Scope.Scope> =>
  Effect.gen(function* () {
    const timeout = options.timeout ?? "20 seconds"
    const millis = Duration.toMillis(Duration.decode(timeout))
    let logs = ""
    const { Miniflare } = yield* Effect.tryPromise({
      try: () => import("miniflare"),
      catch: (error) => fail("NotInstalled", `cannot load the npm package "miniflare": ${errorText(error)}`)
    })
    // Miniflare removes its temporary directory without waiting, so a test process that exits right after
    // leaves it behind; it is made inside one of ours instead, removed after Miniflare is disposed.
    const root = yield* tempDirectory
    const miniflare = yield* Effect.acquireRelease(
      Effect.try({
        try: () =>
          insideTemporaryDirectory(
            root,
            () =>
              new Miniflare({
                modules: true,
                script: bundle.code,
                bindings: { ...options.bindings },
                compatibilityDate: options.compatibilityDate ?? COMPATIBILITY_DATE,
                compatibilityFlags: [...(options.compatibilityFlags ?? [])],
                host: "127.0.0.1",
                port: 0,
                handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
                  stdout.setEncoding("utf8").on("data", (chunk: string) => {
                    logs += chunk
                  })
                  stderr.setEncoding("utf8").on("data", (chunk: string) => {
                    logs += chunk
                  })
                }
              })
          ),
        catch: (error) => fail("StartFailed", errorText(error))
      }),
      (instance) =>
        // dispose() rejects again with the start error when workerd never came up: nothing left to stop then.
        Effect.tryPromise(() => instance.dispose()).pipe(
          Effect.timeout("5 seconds"),
          Effect.withClock(wallClock),
          Effect.ignore
        )
    )
    yield* within(
      Effect.tryPromise({
        try: () => miniflare.ready,
        catch: (error) => fail("StartFailed", withLogs(errorText(error), logs))
      }),
      timeout,
      () => fail("Timeout", withLogs(`workerd did not start within ${millis} ms`, logs))
    )
    const fetch = (request: WorkerRequest = {}): Effect.Effect<WorkerResponse, RuntimeError> =>
      within(
        Effect.tryPromise({
          try: async () => {
            const started = Date.now()
            const response = await miniflare.dispatchFetch(request.url ?? "http://worker.test/", {
              method: request.method ?? "GET",
              headers: { ...request.headers },
              ...(request.body === undefined ? {} : { body: request.body })
            })
            const body = await response.text()
            const headers: Record<string, string> = {}
            response.headers.forEach((value, key) => {
              headers[key] = value
            })
            return { status: response.status, headers, body, millis: Date.now() - started }
          },
          catch: (error) => fail("RequestFailed", withLogs(errorText(error), logs))
        }),
        timeout,
        () => fail("Timeout", withLogs(`the Worker did not answer within ${millis} ms`, logs))
      )
    return { fetch, logs: Effect.sync(() => logs) }
  })

/**
 * Starts the Worker, dispatches one request, stops it.
 *
 * @since 0.1.0
 * @category runners
 */
export const runInWorkerd = (
  bundle: Bundle<"worker">,
  options: WorkerOptions & { readonly request?: WorkerRequest } = {}
): Effect.Effect<WorkerResponse, RuntimeError> =>
  Effect.scoped(Effect.flatMap(start(bundle, options), (worker) => worker.fetch(options.request)))
