/**
 * The emulator: a local Amazon Connect Voice ID service on `@effect/platform`'s HTTP server (Node adapter).
 *
 * - In Effect programs and tests: {@link layer} starts it on a free loopback port and provides the
 *   {@link Emulator} service (its URL, credentials and controls); it stops when the layer's scope closes.
 * - From any JavaScript: {@link startEmulator} returns `{ url, close, … }`.
 * - From a shell: the `voiceid-emulator` bin (`pnpm emulator`), with the same options as flags.
 *
 * @since 0.1.0
 */

import { mkdtempSync, rmSync } from "node:fs"
import * as fs from "node:fs/promises"
import type * as Http from "node:http"
import { createServer } from "node:http"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import * as Headers from "@effect/platform/Headers"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as RuntimeFlags from "effect/RuntimeFlags"
import * as RuntimeFlagsPatch from "effect/RuntimeFlagsPatch"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import { defaultKeyPair, type KeyPair } from "./Auth.js"
import { type FaultConfig, FaultInjector, type OperationStats } from "./Faults.js"
import type { SessionSpec } from "./handlers/sessions.js"
import { recycle } from "./internal/bytes.js"
import { httpDate } from "./internal/clock.js"
import * as Control from "./internal/control.js"
import { dispatch, type Outcome, protocolError } from "./internal/dispatch.js"
import { requestId } from "./internal/ids.js"
import { Persister } from "./internal/persist.js"
import { advance } from "./Jobs.js"
import {
  decodeSnapshot,
  defaultQuotas,
  EmulatorState,
  loadSnapshot,
  type Quotas,
  type Snapshot,
  type StateConfig,
  toSnapshot
} from "./State.js"

// What `seedJobs` resolves to, exported so that callers can name it.
export type { SeedResult } from "./internal/control.js"

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

/**
 * How to run the emulator. Every member is optional.
 *
 * @category models
 * @since 0.1.0
 */
export interface EmulatorOptions {
  /** TCP port; `0` (the default) picks a free one. */
  readonly port?: number | undefined
  /** Interface to bind; `127.0.0.1` by default. */
  readonly host?: string | undefined
  /** Regions served, each with its own state; the first is the default (`us-east-1`). */
  readonly regions?: ReadonlyArray<string> | undefined
  /** Account id of every ARN (`000000000000`). */
  readonly accountId?: string | undefined
  /** Key pairs accepted (default `test` / `test`). */
  readonly credentials?: ReadonlyArray<KeyPair> | undefined
  /** Verify SigV4 signatures (default `true`). Off, any request is accepted: for the region its credential scope names when signed, else the default one. */
  readonly verifySignatures?: boolean | undefined
  /** Largest difference between a request's signing time and the emulator clock (5 minutes). */
  readonly maxClockSkew?: Duration.DurationInput | undefined
  /** Seed of fault decisions (default 1). */
  readonly seed?: number | undefined
  /** Faults to inject from the start. */
  readonly faults?: FaultConfig | undefined
  /** The folder standing in for S3 (`s3://bucket/key` is `<dataDir>/bucket/key`); a fresh temporary folder, removed at the end, when absent. */
  readonly dataDir?: string | undefined
  /** A state file: loaded at start when it exists, saved atomically before every write is acknowledged. */
  readonly state?: string | undefined
  /** Emulator time between a job's submission and its first processed request (250 ms). */
  readonly jobStartDelay?: Duration.DurationInput | undefined
  /** Manifest requests a job processes per second of emulator time (200). */
  readonly jobRequestsPerSecond?: number | undefined
  /** Emulator time a domain's encryption key change takes (2 s). */
  readonly encryptionUpdateTime?: Duration.DurationInput | undefined
  /** Lifetime of a `NextToken` in emulator time (24 h). */
  readonly tokenLifetime?: Duration.DurationInput | undefined
  /** Largest request body accepted (1 MiB); larger ones are answered 413. */
  readonly maxBodyBytes?: number | undefined
  /** Quotas to use instead of the documented ones. */
  readonly quotas?: Partial<Quotas> | undefined
  /** Emulator time stands still except when advanced (control route or `advanceClock`): for deterministic tests. */
  readonly freezeClock?: boolean | undefined
  /** Trace every request with a span (off by default: it costs throughput). */
  readonly tracing?: boolean | undefined
}

/**
 * Why the emulator could not start, or a control failed.
 *
 * @category errors
 * @since 0.1.0
 */
export class EmulatorError extends Schema.TaggedError<EmulatorError>()("EmulatorError", {
  reason: Schema.Literal("Options", "Listen", "StateFile", "DataDir", "Persist", "Control"),
  message: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------------------------

/**
 * A running emulator: where it listens, what it accepts, and its controls.
 *
 * @category models
 * @since 0.1.0
 */
export interface EmulatorService {
  /** `http://127.0.0.1:<port>`: the endpoint to give a client. */
  readonly url: string
  readonly host: string
  readonly port: number
  /** The default region (the first served). */
  readonly region: string
  readonly regions: ReadonlyArray<string>
  readonly accountId: string
  /** The first accepted key pair. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: Redacted.Redacted<string> }
  readonly dataDir: string
  /** Forgets every resource, restarts the clock and the fault statistics (the fault configuration stays). */
  readonly reset: Effect.Effect<void, EmulatorError>
  /** Adds jobs with a status mix to a domain (a new one unless `domainId` is given). */
  readonly seedJobs: (request: Control.SeedRequest) => Effect.Effect<Control.SeedResult, EmulatorError>
  /** Replaces the fault configuration (and restarts its request counters). */
  readonly setFaults: (config: FaultConfig) => Effect.Effect<void, EmulatorError>
  /** What was injected so far, per operation. */
  readonly faultStats: Effect.Effect<Readonly<Record<string, OperationStats>>>
  /** Moves the emulator clock forward; jobs catch up at once. */
  readonly advanceClock: (duration: Duration.DurationInput) => Effect.Effect<void, EmulatorError>
  /** Emulator time. */
  readonly now: Effect.Effect<Date>
  /** The whole state as JSON (without the secret). */
  readonly dump: Effect.Effect<Omit<Snapshot, "secret">>
  /** Registers a session for `EvaluateSession`. */
  readonly registerSession: (
    spec: SessionSpec & { readonly region?: string | undefined }
  ) => Effect.Effect<{ readonly SessionId: string; readonly SessionName: string }, EmulatorError>
}

/**
 * The running emulator, as a service.
 *
 * @category tags
 * @since 0.1.0
 */
export class Emulator extends Context.Tag("@effect-voiceid/emulator/Emulator")<Emulator, EmulatorService>() {}

// ---------------------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------------------

type Body = Buffer | "TooLarge"

/** The body, when Node already holds all of it (as declared by `Content-Length`) in the request's buffer. */
const buffered = (request: Http.IncomingMessage, declared: string | undefined): Buffer | undefined => {
  if (declared === undefined || request.readableLength !== Number(declared)) return undefined
  const chunks: Array<Buffer> = []
  for (let chunk = request.read() as Buffer | null; chunk !== null; chunk = request.read() as Buffer | null) {
    chunks.push(chunk)
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
}

/**
 * Reads a request body, up to `max` bytes, and continues with `f`. The handler starts while Node's parser is still
 * on the headers; after one yield the parser has pushed what arrived with them, which for a small JSON request is
 * the whole body: it is then read from the buffer, without the stream's events. Anything else (a body still
 * arriving, a chunked one) is read from the events.
 */
const withBody = <A>(
  request: Http.IncomingMessage,
  max: number,
  f: (body: Body) => Effect.Effect<A>
): Effect.Effect<A> => {
  const declared = request.headers["content-length"]
  if (declared !== undefined && Number(declared) > max) return f("TooLarge")
  // The common case goes straight on to `f`, without a step that only passes the body along.
  return Effect.flatMap(Effect.yieldNow(), () => {
    const body = buffered(request, declared)
    return body === undefined ? Effect.flatMap(listen(request, max), f) : f(body)
  })
}

/** Reads a request body from the stream's events, up to `max` bytes. */
const listen = (request: Http.IncomingMessage, max: number): Effect.Effect<Body> =>
  Effect.async<Body>((resume) => {
    const chunks: Array<Buffer> = []
    let size = 0
    let done = false
    request.on("data", (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > max) {
        done = true
        resume(Effect.succeed("TooLarge"))
      } else chunks.push(chunk)
    })
    request.on("end", () => {
      if (done) return
      done = true
      resume(Effect.succeed(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    })
    request.on("error", () => {
      if (done) return
      done = true
      resume(Effect.succeed(Buffer.alloc(0)))
    })
  })

/** Waits on the machine's clock (the emulator's fibers never follow a test clock). */
const sleep = (ms: number): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), ms)
    return Effect.sync(() => clearTimeout(timer))
  })

const defaultRegions = ["us-east-1"]

/** Resolves options into the state configuration. */
const stateConfig = (options: EmulatorOptions, dataDir: string): StateConfig => ({
  accountId: options.accountId ?? "000000000000",
  regions: options.regions !== undefined && options.regions.length > 0 ? options.regions : defaultRegions,
  dataDir,
  quotas: { ...defaultQuotas, ...options.quotas },
  jobStartDelayMs: Duration.toMillis(options.jobStartDelay ?? "250 millis"),
  jobRequestsPerSecond: options.jobRequestsPerSecond ?? 200,
  encryptionUpdateMs: Duration.toMillis(options.encryptionUpdateTime ?? "2 seconds"),
  tokenLifetimeMs: Duration.toMillis(options.tokenLifetime ?? "24 hours")
})

const fail = (reason: EmulatorError["reason"], message: string) => new EmulatorError({ reason, message })

/**
 * Starts an emulator in the current scope; it stops (server closed, state saved, temporary data folder removed)
 * when the scope closes.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (options: EmulatorOptions = {}): Effect.Effect<EmulatorService, EmulatorError, Scope.Scope> =>
  Effect.gen(function* () {
    // The data folder
    const dataDir =
      options.dataDir !== undefined
        ? resolve(options.dataDir)
        : yield* Effect.acquireRelease(
            Effect.try({
              try: () => mkdtempSync(join(tmpdir(), "voiceid-emulator-")),
              catch: (e) => fail("DataDir", `Could not create a data folder: ${String(e)}`)
            }),
            (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
          )
    yield* Effect.tryPromise({
      try: () => fs.mkdir(dataDir, { recursive: true }),
      catch: (e) => fail("DataDir", `Could not create the data folder ${dataDir}: ${String(e)}`)
    })

    // The state
    const state = new EmulatorState(stateConfig(options, dataDir), undefined, options.freezeClock === true)
    const statePath = options.state === undefined ? undefined : resolve(options.state)
    if (statePath !== undefined) {
      const text = yield* Effect.tryPromise({
        try: () => fs.readFile(statePath, "utf8"),
        catch: (e) => e
      }).pipe(
        Effect.catchAll((e) =>
          (e as NodeJS.ErrnoException).code === "ENOENT"
            ? Effect.succeed(undefined)
            : Effect.fail(fail("StateFile", `Could not read the state file ${statePath}: ${String(e)}`))
        )
      )
      if (text !== undefined) {
        const snapshot = decodeSnapshot(text)
        if (Either.isLeft(snapshot)) {
          return yield* Effect.fail(fail("StateFile", `The state file ${statePath} is not a valid emulator state.`))
        }
        loadSnapshot(state, snapshot.right)
      }
      yield* Effect.tryPromise({
        try: () => fs.mkdir(dirname(statePath), { recursive: true }),
        catch: (e) => fail("StateFile", `Could not create the folder of ${statePath}: ${String(e)}`)
      })
    }
    const persister =
      statePath === undefined
        ? undefined
        : new Persister(statePath, () => ({
            version: state.version,
            data: () => JSON.stringify(toSnapshot(state))
          }))
    const save: Effect.Effect<void, EmulatorError> =
      persister === undefined
        ? Effect.void
        : Effect.tryPromise({
            try: () => persister.flush(),
            catch: (e) => fail("Persist", `Could not save the state file: ${String(e)}`)
          })

    const credentials =
      options.credentials !== undefined && options.credentials.length > 0 ? options.credentials : [defaultKeyPair]
    const faultConfig = yield* Schema.decodeUnknown(Control.FaultRequest)(options.faults ?? {}).pipe(
      Effect.mapError((e) => fail("Options", `Invalid fault configuration: ${e.message}`))
    )
    const faults = new FaultInjector(faultConfig, options.seed ?? 1)
    const dispatchOptions = {
      verifySignatures: options.verifySignatures ?? true,
      keys: new Map(credentials.map((k) => [k.accessKeyId, k.secretAccessKey] as const)),
      maxSkewMs: Duration.toMillis(options.maxClockSkew ?? "5 minutes"),
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      persistent: persister !== undefined
    }

    // Answering
    const respond = (
      outcome: Outcome,
      request: Http.IncomingMessage,
      response: Http.ServerResponse
    ): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
      if (outcome._tag === "Drop") {
        const drop = Effect.suspend(() => {
          request.socket.destroy()
          return Effect.interrupt
        })
        return outcome.delayMs > 0 ? Effect.zipRight(sleep(outcome.delayMs), drop) : drop
      }
      // With a length, Node sends headers and body in one write instead of a chunked body. It goes in with the
      // other headers: given apart, the response would copy them all once more to add it.
      const headers = outcome.headers
      headers["content-length"] = String(
        typeof outcome.body === "string" ? Buffer.byteLength(outcome.body) : outcome.body.length
      )
      const reply = HttpServerResponse.raw(outcome.body, { status: outcome.status, headers })
      // Once Node has handed the answer to the system (or sent another one instead), its buffer can serve again.
      const slot = outcome.slot
      if (slot !== undefined) response.on("finish", () => recycle(slot))
      const delayed = outcome.delayMs > 0 ? Effect.as(sleep(outcome.delayMs), reply) : Effect.succeed(reply)
      if (!outcome.persist) return delayed
      // A write is acknowledged only once it is on disk; if saving fails, the client hears a server error.
      return Effect.matchEffect(save, {
        onFailure: () => {
          const failed = protocolError(
            requestId(),
            state.clock.now(),
            "InternalServerException",
            500,
            "The emulator could not save its state."
          )
          return Effect.succeed(HttpServerResponse.raw(failed.body, { status: failed.status, headers: failed.headers }))
        },
        onSuccess: () => delayed
      })
    }

    const controlResponse = (answer: Control.ControlAnswer) =>
      HttpServerResponse.raw(JSON.stringify(answer.body), {
        status: answer.status,
        headers: {
          "content-type": "application/json",
          "x-amzn-RequestId": requestId(),
          date: httpDate(state.clock.now())
        }
      })

    const app = Effect.flatMap(HttpServerRequest.HttpServerRequest, (serverRequest) => {
      const request = NodeHttpServerRequest.toIncomingMessage(serverRequest)
      const response = NodeHttpServerRequest.toServerResponse(serverRequest)
      return withBody(request, dispatchOptions.maxBodyBytes, (body) => {
        const url = request.url ?? "/"
        if (body === "TooLarge") {
          const now = state.clock.now()
          const outcome = protocolError(
            requestId(),
            now,
            "RequestEntityTooLargeException",
            413,
            `The request body exceeds ${dispatchOptions.maxBodyBytes} bytes.`,
            { connection: "close" }
          )
          return respond(outcome, request, response)
        }
        if (url.startsWith(Control.controlPrefix)) {
          const path = url.split("?", 1)[0]!
          const answer = Control.route(state, faults, request.method ?? "GET", path, body.toString("utf8"))
          if (answer === undefined) {
            return Effect.succeed(
              controlResponse({ status: 404, body: { message: `No control route ${path}.` }, persist: false })
            )
          }
          return answer.persist
            ? Effect.as(Effect.ignore(save), controlResponse(answer))
            : Effect.succeed(controlResponse(answer))
        }
        const outcome = dispatch(state, faults, dispatchOptions, {
          method: request.method ?? "GET",
          url,
          headers: request.headers,
          rawHeaders: request.rawHeaders,
          body
        })
        return respond(outcome, request, response)
      })
    })

    // The server
    let nodeServer: Http.Server | undefined
    const server = yield* NodeHttpServer.make(
      () => {
        nodeServer = createServer()
        return nodeServer
      },
      { port: options.port ?? 0, host: options.host ?? "127.0.0.1" }
    ).pipe(Effect.mapError((e) => fail("Listen", `Could not listen: ${String(e.cause ?? e)}`)))
    // Runs before the server's own release (finalizers run in reverse): open connections are closed rather than waited for.
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        nodeServer?.closeIdleConnections()
        nodeServer?.closeAllConnections()
      })
    )
    // Effect's fiber metrics (started, active, lifetimes, ...) would be updated twice per request, for nothing read.
    const serve = Effect.withRuntimeFlagsPatch(
      server.serve(app),
      RuntimeFlagsPatch.disable(RuntimeFlags.RuntimeMetrics)
    )
    // A traced request lists its headers in its span: the session token is a secret, like the Authorization header.
    yield* options.tracing === true
      ? Effect.flatMap(FiberRef.get(Headers.currentRedactedNames), (names) =>
          Effect.locally(serve, Headers.currentRedactedNames, [...names, "x-amz-security-token"])
        )
      : HttpMiddleware.withTracerDisabledWhenEffect(serve, () => true)

    // Jobs advance on a timer too: a job finishes without anyone polling it. Their progress is saved at most once a
    // second (serializing a large state is not free); writes acknowledged to clients are saved before the answer.
    let lastBackgroundSave = 0
    yield* Effect.acquireRelease(
      Effect.sync(() => {
        const timer = setInterval(() => {
          advance(state, state.clock.now())
          const now = Date.now()
          if (persister !== undefined && now - lastBackgroundSave >= 1000) {
            lastBackgroundSave = now
            persister.saveIfChanged()
          }
        }, 100)
        timer.unref()
        return timer
      }),
      (timer) =>
        Effect.promise(async () => {
          clearInterval(timer)
          if (persister !== undefined) {
            persister.saveIfChanged()
            await persister.drain()
          }
        })
    )

    const address = server.address
    if (address._tag !== "TcpAddress") return yield* Effect.fail(fail("Listen", "The server did not bind a TCP port."))
    const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname
    const url = `http://${host}:${address.port}`

    const control = <A>(f: () => Either.Either<A, string>, persist: boolean): Effect.Effect<A, EmulatorError> =>
      Effect.flatMap(
        Effect.suspend(() =>
          Either.match(f(), { onLeft: (m) => Effect.fail(fail("Control", m)), onRight: Effect.succeed })
        ),
        (a) => (persist ? Effect.as(save, a) : Effect.succeed(a))
      )

    const service: EmulatorService = {
      url,
      host: address.hostname,
      port: address.port,
      region: state.config.regions[0]!,
      regions: state.config.regions,
      accountId: state.config.accountId,
      credentials: {
        accessKeyId: credentials[0]!.accessKeyId,
        secretAccessKey: Redacted.make(credentials[0]!.secretAccessKey)
      },
      dataDir,
      reset: control(() => Either.right(Control.reset(state, faults)), true),
      seedJobs: (request) => control(() => Control.seed(state, request), true),
      setFaults: (config) =>
        control(
          () =>
            Either.map(
              Either.mapLeft(Schema.decodeUnknownEither(Control.FaultRequest)(config), (e) => e.message),
              (decoded) => faults.set(decoded)
            ),
          false
        ),
      faultStats: Effect.sync(() => faults.stats()),
      advanceClock: (duration) =>
        control(() => Either.right(void Control.advanceClock(state, Duration.toMillis(duration))), true),
      now: Effect.sync(() => new Date(state.clock.now())),
      dump: Effect.sync(() => Control.dump(state)),
      registerSession: (spec) => control(() => Control.session(state, spec), true)
    }
    return service
  })

/**
 * A layer that starts an emulator (on a free loopback port unless told otherwise) and provides it.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (options: EmulatorOptions = {}): Layer.Layer<Emulator, EmulatorError> =>
  Layer.scoped(Emulator, make(options))

/**
 * {@link layer} with its options read from `Config`, for example
 * `Emulator.layerConfig({ port: Config.integer("VOICEID_EMULATOR_PORT"), seed: Config.integer("SEED") })`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  config: Config.Config.Wrap<EmulatorOptions>
): Layer.Layer<Emulator, EmulatorError | ConfigError.ConfigError> =>
  Layer.scoped(Emulator, Effect.flatMap(Config.unwrap(config), make))

// ---------------------------------------------------------------------------------------------------------------
// Plain JavaScript
// ---------------------------------------------------------------------------------------------------------------

/**
 * A running emulator, for callers outside Effect.
 *
 * @category models
 * @since 0.1.0
 */
export interface RunningEmulator {
  readonly url: string
  readonly region: string
  /** The first accepted key pair (by default `test` / `test`), ready for an SDK's `credentials`. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly dataDir: string
  /** Stops the server (open connections are closed), saves the state, removes a temporary data folder. */
  readonly close: () => Promise<void>
  /**
   * Forgets every resource and restarts the clock and the fault statistics; the fault configuration stays.
   * Rejects with an {@link EmulatorError} (`Persist`) when the state file cannot be saved.
   */
  readonly reset: () => Promise<void>
  /**
   * Adds jobs with a status mix to a domain (a new one unless `domainId` is given) and resolves to what was seeded.
   * Rejects with an {@link EmulatorError}: `Control` when the region is not served or the domain does not exist,
   * `Persist` when the state file cannot be saved.
   */
  readonly seedJobs: (request: Control.SeedRequest) => Promise<Control.SeedResult>
  /**
   * Replaces the fault configuration and restarts its request counters. Rejects with an {@link EmulatorError}
   * (`Control`) when the configuration is invalid or names an unknown operation.
   */
  readonly setFaults: (config: FaultConfig) => Promise<void>
  /** What was injected so far, per operation name (a copy). */
  readonly faultStats: () => Readonly<Record<string, OperationStats>>
  /**
   * Moves the emulator clock forward; jobs catch up at once. Rejects with an {@link EmulatorError} (`Persist`) when
   * the state file cannot be saved.
   */
  readonly advanceClock: (duration: Duration.DurationInput) => Promise<void>
  /** Emulator time: the machine's clock (the start time with `freezeClock`) plus every advance. */
  readonly now: () => Date
  /**
   * Registers a session for `EvaluateSession` (in the default region unless `region` is given) and resolves to its
   * id and name. Rejects with an {@link EmulatorError}: `Control` when the region, domain, watchlist or an audio
   * file does not exist, `Persist` when the state file cannot be saved.
   */
  readonly registerSession: (
    spec: SessionSpec & { readonly region?: string | undefined }
  ) => Promise<{ readonly SessionId: string; readonly SessionName: string }>
}

/**
 * Starts an emulator outside Effect: `const { url, close } = await startEmulator()`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  const scope = Effect.runSync(Scope.make())
  const closeScope = () => Effect.runPromise(Scope.close(scope, Exit.void))
  const exit = await Effect.runPromiseExit(Scope.extend(make(options), scope))
  if (Exit.isFailure(exit)) {
    await closeScope()
    throw Cause.squash(exit.cause)
  }
  const service = exit.value
  const run = <A>(effect: Effect.Effect<A, EmulatorError>) => Effect.runPromise(effect)
  return {
    url: service.url,
    region: service.region,
    credentials: {
      accessKeyId: service.credentials.accessKeyId,
      secretAccessKey: Redacted.value(service.credentials.secretAccessKey)
    },
    dataDir: service.dataDir,
    close: closeScope,
    reset: () => run(service.reset),
    seedJobs: (request) => run(service.seedJobs(request)),
    setFaults: (config) => run(service.setFaults(config)),
    faultStats: () => Effect.runSync(service.faultStats),
    advanceClock: (duration) => run(service.advanceClock(duration)),
    now: () => Effect.runSync(service.now),
    registerSession: (spec) => run(service.registerSession(spec))
  }
}
