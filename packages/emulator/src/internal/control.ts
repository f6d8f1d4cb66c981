/**
 * The control operations (reset, seed jobs, faults, clock, state dump, sessions), shared by the `Emulator`
 * service and the HTTP control routes under `/__emulator/`, a path no Voice ID request can reach (Voice ID is
 * always `POST /`).
 */

import { operations } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { FaultConfig, type FaultInjector } from "../Faults.js"
import { defaultWatchlistName } from "../handlers/domains.js"
import { registerSession, SessionSpec } from "../handlers/sessions.js"
import { advance, seedJobs } from "../Jobs.js"
import {
  addWatchlist,
  type DomainRecord,
  type EmulatorState,
  type JobStatus,
  jobStatuses,
  makeDomain,
  type Snapshot,
  toSnapshot
} from "../State.js"
import { OrderedIndex } from "./ordered.js"

/** The prefix of every control route. */
export const controlPrefix = "/__emulator/"

/**
 * What to seed.
 */
export const SeedRequest = Schema.Struct({
  /** Region (default: the first served). */
  region: Schema.optional(Schema.String),
  /** An existing domain; without it a new domain is created (outside the domain quota). */
  domainId: Schema.optional(Schema.String),
  /** Name of the domain created when `domainId` is absent. */
  domainName: Schema.optional(Schema.String.pipe(Schema.pattern(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,255}$/))),
  count: Schema.Int.pipe(Schema.between(0, 2_000_000)),
  kind: Schema.optional(Schema.Literal("speaker", "fraudster")),
  /** Relative weights per status. */
  statuses: Schema.optional(
    Schema.partial(Schema.Record({ key: Schema.Literal(...jobStatuses), value: Schema.NonNegative }))
  ),
  namePrefix: Schema.optional(Schema.String.pipe(Schema.pattern(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,200}$/)))
})

/**
 * @since 0.1.0
 */
export type SeedRequest = typeof SeedRequest.Type

/**
 * What seeding did: where the jobs went and how many got each status.
 *
 * @category models
 * @since 0.1.0
 */
export interface SeedResult {
  readonly region: string
  /** The domain seeded (the one created when the request named none). */
  readonly domainId: string
  readonly kind: "speaker" | "fraudster"
  /** Jobs added. */
  readonly count: number
  /** Jobs added per status. */
  readonly statuses: Readonly<Record<JobStatus, number>>
}

/** A session to register, in a region. */
export const SessionRequest = Schema.extend(SessionSpec, Schema.Struct({ region: Schema.optional(Schema.String) }))

/** The clock control: advance by an amount. */
export const ClockRequest = Schema.Struct({
  advanceMs: Schema.optional(Schema.NonNegative),
  advanceSeconds: Schema.optional(Schema.NonNegative)
})

const operationNames = new Set(Object.keys(operations))

/** A fault configuration whose operation names are the model's. */
export const FaultRequest = FaultConfig.pipe(
  Schema.filter((config) => {
    const unknown = Object.keys(config.operations ?? {}).filter((name) => !operationNames.has(name))
    return unknown.length === 0 || `unknown operation(s): ${unknown.join(", ")}`
  })
)

const regionOf = (state: EmulatorState, region: string | undefined) => {
  const name = region ?? state.config.regions[0]!
  const found = state.regions.get(name)
  return found === undefined ? Either.left(`The emulator does not serve region '${name}'.`) : Either.right(found)
}

/** Seeds jobs (creating the domain when none is named). */
export const seed = (state: EmulatorState, request: SeedRequest): Either.Either<SeedResult, string> =>
  Either.flatMap(regionOf(state, request.region), (region) => {
    const now = state.clock.now()
    let domain: DomainRecord | undefined
    if (request.domainId !== undefined) {
      domain = region.domains.get(request.domainId)
      if (domain === undefined) return Either.left(`The domain ${request.domainId} does not exist.`)
    } else {
      const id = state.ids.next()
      const watchlistId = state.ids.next()
      domain = makeDomain({
        id,
        arn: state.domainArn(region.region, id),
        name: request.domainName ?? `seeded-${id.slice(0, 6)}`,
        description: undefined,
        kmsKeyId: "alias/voiceid-emulator",
        // Older than the seeded jobs, so that it lists before domains created afterwards.
        createdAt: now - request.count * 1000 - 120_000,
        seq: state.nextSeq(),
        defaultWatchlistId: watchlistId,
        clientToken: undefined
      })
      addWatchlist(domain, {
        id: watchlistId,
        name: defaultWatchlistName,
        description: undefined,
        isDefault: true,
        createdAt: domain.createdAt,
        updatedAt: domain.createdAt,
        seq: state.nextSeq(),
        clientToken: undefined,
        members: new OrderedIndex()
      })
      region.addDomain(domain)
    }
    const kind = request.kind ?? "speaker"
    const statuses = seedJobs(
      state,
      domain,
      { count: request.count, kind, statuses: request.statuses, namePrefix: request.namePrefix },
      now
    )
    return Either.right({ region: region.region, domainId: domain.id, kind, count: request.count, statuses })
  })

/** Registers a session for `EvaluateSession`. */
export const session = (
  state: EmulatorState,
  request: typeof SessionRequest.Type
): Either.Either<{ readonly SessionId: string; readonly SessionName: string }, string> =>
  Either.flatMap(regionOf(state, request.region), (region) => {
    const domain = region.domains.get(request.domainId)
    if (domain === undefined) return Either.left(`The domain ${request.domainId} does not exist.`)
    return Either.map(registerSession(state, domain, request, state.clock.now()), (s) => ({
      SessionId: s.id,
      SessionName: s.name
    }))
  })

/** Moves the emulator clock forward and lets jobs catch up. */
export const advanceClock = (state: EmulatorState, ms: number): { readonly now: string; readonly offsetMs: number } => {
  state.clock.advance(ms)
  const now = state.clock.now()
  advance(state, now)
  state.touch()
  return { now: new Date(now).toISOString(), offsetMs: state.clock.offsetMs }
}

/** Where the clock stands. */
export const clockStatus = (state: EmulatorState) => {
  const now = state.clock.now()
  return { now: new Date(now).toISOString(), epochMs: now, offsetMs: state.clock.offsetMs }
}

/** The whole state as JSON (the secret left out). */
export const dump = (state: EmulatorState): Omit<Snapshot, "secret"> => {
  advance(state, state.clock.now())
  const { secret: _, ...rest } = toSnapshot(state)
  return rest
}

/** Forgets everything. */
export const reset = (state: EmulatorState, faults: FaultInjector): void => {
  state.reset()
  faults.resetStats()
}

/** The outcome of a control route. */
export interface ControlAnswer {
  readonly status: number
  readonly body: unknown
  /** The state changed: save it before answering. */
  readonly persist: boolean
}

const decode =
  <A, I>(schema: Schema.Schema<A, I>) =>
  (body: string): Either.Either<A, string> => {
    let json: unknown
    try {
      json = body.trim() === "" ? {} : JSON.parse(body)
    } catch {
      return Either.left("The body is not valid JSON.")
    }
    return Either.mapLeft(Schema.decodeUnknownEither(schema)(json), (error) =>
      ParseResult.TreeFormatter.formatErrorSync(error)
    )
  }

const ok = (body: unknown, persist = false): ControlAnswer => ({ status: 200, body, persist })
const bad = (message: string): ControlAnswer => ({ status: 400, body: { message }, persist: false })

/** Answers a control route, or `undefined` when none matches. */
export const route = (
  state: EmulatorState,
  faults: FaultInjector,
  method: string,
  path: string,
  body: string
): ControlAnswer | undefined => {
  const name = path.slice(controlPrefix.length)
  switch (`${method} ${name}`) {
    case "GET health":
      return ok({ status: "ok", regions: state.config.regions })
    case "POST reset":
      reset(state, faults)
      return ok({ status: "reset" }, true)
    case "POST seed":
      return Either.match(
        Either.flatMap(decode(SeedRequest)(body), (r) => seed(state, r)),
        {
          onLeft: bad,
          onRight: (result) => ok(result, true)
        }
      )
    case "GET faults":
      return ok({ config: faults.current, stats: faults.stats() })
    case "PUT faults":
    case "POST faults":
      return Either.match(decode(FaultRequest)(body), {
        onLeft: bad,
        onRight: (config) => {
          faults.set(config)
          return ok({ config })
        }
      })
    case "GET clock":
      return ok(clockStatus(state))
    case "POST clock":
      return Either.match(decode(ClockRequest)(body), {
        onLeft: bad,
        onRight: (r) => ok(advanceClock(state, (r.advanceMs ?? 0) + (r.advanceSeconds ?? 0) * 1000), true)
      })
    case "GET state":
      return ok(dump(state))
    case "POST sessions":
      return Either.match(
        Either.flatMap(decode(SessionRequest)(body), (r) => session(state, r)),
        {
          onLeft: bad,
          onRight: (result) => ok(result, true)
        }
      )
    default:
      return undefined
  }
}
