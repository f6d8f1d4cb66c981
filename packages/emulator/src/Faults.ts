/**
 * Deterministic fault injection. Each operation can be given a throttling rate (`ThrottlingException`, 429), an
 * `InternalServerException` rate (500), a dropped-connection rate (the socket is destroyed without an answer) and
 * added latency. Whether the n-th request of an operation is hit is a pure function of the seed, the operation
 * and n, so the same seed and the same sequence of requests per operation give the same faults, whatever the
 * interleaving of operations.
 *
 * Faults apply to well-formed, authenticated Voice ID requests before they touch any state: a faulted request
 * changes nothing.
 *
 * @since 0.1.0
 */
import type { OperationName } from "@effect-voiceid/protocol"
import * as Schema from "effect/Schema"

/**
 * The faults of one operation. Rates are probabilities between 0 and 1; their sum should not exceed 1 (the
 * first ones win).
 *
 * @category models
 * @since 0.1.0
 */
export const OperationFaults = Schema.Struct({
  /** Share of requests answered `ThrottlingException` (HTTP 429). */
  throttle: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))),
  /** Share of requests answered `InternalServerException` (HTTP 500). */
  internalError: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))),
  /** Share of requests whose connection is destroyed without an answer. */
  drop: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))),
  /** Added latency in milliseconds: a fixed amount, or `[min, max]` drawn per request. */
  latencyMs: Schema.optional(
    Schema.Union(
      Schema.NonNegativeInt,
      Schema.Tuple(Schema.NonNegativeInt, Schema.NonNegativeInt).pipe(
        Schema.filter(([min, max]) => min <= max || "latencyMs: min must not exceed max")
      )
    )
  )
})

/**
 * @category models
 * @since 0.1.0
 */
export type OperationFaults = typeof OperationFaults.Type

/**
 * A fault configuration: defaults for every operation (`all`), overridden member by member per operation.
 *
 * @category models
 * @since 0.1.0
 */
export const FaultConfig = Schema.Struct({
  /** Seed of the fault decisions; the emulator's seed when absent. */
  seed: Schema.optional(Schema.Int),
  all: Schema.optional(OperationFaults),
  operations: Schema.optional(Schema.Record({ key: Schema.String, value: OperationFaults }))
})

/**
 * @category models
 * @since 0.1.0
 */
export type FaultConfig = typeof FaultConfig.Type

/**
 * What happens to one request.
 *
 * @category models
 * @since 0.1.0
 */
export interface Decision {
  readonly fault: "none" | "throttle" | "internalError" | "drop"
  readonly latencyMs: number
}

/**
 * Counts of what was injected, per operation.
 *
 * @category models
 * @since 0.1.0
 */
export interface OperationStats {
  requests: number
  throttled: number
  internalErrors: number
  dropped: number
  delayed: number
}

// A 32-bit mixing function (murmur3's finalizer over a running hash): cheap and well spread.
const mix = (h: number, k: number): number => {
  let x = Math.imul(k, 0xcc9e2d51)
  x = (x << 15) | (x >>> 17)
  x = Math.imul(x, 0x1b873593)
  let y = h ^ x
  y = (y << 13) | (y >>> 19)
  return (Math.imul(y, 5) + 0xe6546b64) | 0
}
const finish = (h: number): number => {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}
const hashString = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** A uniform number in [0, 1) from the seed, the operation, the request number and a stream. */
const uniform = (seed: number, operation: number, n: number, stream: number): number =>
  finish(mix(mix(mix(mix(0x9747b28c, seed | 0), operation), n | 0), stream)) / 4294967296

const NONE: Decision = { fault: "none", latencyMs: 0 }

/**
 * The faults that apply to `operation`: its own settings over the `all` defaults.
 *
 * @category decisions
 * @since 0.1.0
 */
export const faultsOf = (config: FaultConfig, operation: string): OperationFaults => {
  const own = config.operations?.[operation]
  return own === undefined ? (config.all ?? {}) : { ...config.all, ...own }
}

/**
 * Decides the fate of the `n`-th request (from 1) of `operation`. Pure.
 *
 * @category decisions
 * @since 0.1.0
 */
export const decide = (faults: OperationFaults, seed: number, operation: string, n: number): Decision => {
  const throttle = faults.throttle ?? 0
  const internalError = faults.internalError ?? 0
  const drop = faults.drop ?? 0
  const latency = faults.latencyMs
  if (throttle === 0 && internalError === 0 && drop === 0 && latency === undefined) return NONE
  const op = hashString(operation)
  const u = uniform(seed, op, n, 1)
  const fault =
    u < throttle
      ? "throttle"
      : u < throttle + internalError
        ? "internalError"
        : u < throttle + internalError + drop
          ? "drop"
          : "none"
  let latencyMs = 0
  if (typeof latency === "number") latencyMs = latency
  else if (latency !== undefined) {
    const [min, max] = latency
    latencyMs = min + Math.floor(uniform(seed, op, n, 2) * (max - min + 1))
  }
  return { fault, latencyMs }
}

/**
 * The running fault injector of an emulator: the configuration, a request counter and statistics per operation.
 *
 * @category models
 * @since 0.1.0
 */
export class FaultInjector {
  private counters = new Map<string, number>()
  private readonly statistics = new Map<string, OperationStats>()
  private resolved = new Map<string, OperationFaults>()
  private enabled: boolean

  constructor(
    private config: FaultConfig,
    private readonly defaultSeed: number
  ) {
    this.enabled = isActive(config)
  }

  /** The configuration in force. */
  get current(): FaultConfig {
    return this.config
  }

  /** Replaces the configuration and restarts the request counters (so a seed replays from the start). */
  set(config: FaultConfig): void {
    this.config = config
    this.enabled = isActive(config)
    this.counters = new Map()
    this.resolved = new Map()
  }

  /** Decides the fate of the next request of `operation` and counts it. */
  next(operation: OperationName): Decision {
    const stats = this.statsOf(operation)
    stats.requests++
    if (!this.enabled) return NONE
    const n = (this.counters.get(operation) ?? 0) + 1
    this.counters.set(operation, n)
    let faults = this.resolved.get(operation)
    if (faults === undefined) {
      faults = faultsOf(this.config, operation)
      this.resolved.set(operation, faults)
    }
    const decision = decide(faults, this.config.seed ?? this.defaultSeed, operation, n)
    if (decision.fault === "throttle") stats.throttled++
    else if (decision.fault === "internalError") stats.internalErrors++
    else if (decision.fault === "drop") stats.dropped++
    if (decision.latencyMs > 0) stats.delayed++
    return decision
  }

  private statsOf(operation: string): OperationStats {
    let stats = this.statistics.get(operation)
    if (stats === undefined) {
      stats = { requests: 0, throttled: 0, internalErrors: 0, dropped: 0, delayed: 0 }
      this.statistics.set(operation, stats)
    }
    return stats
  }

  /** What was injected so far, per operation. */
  stats(): Record<string, OperationStats> {
    return Object.fromEntries([...this.statistics].map(([op, s]) => [op, { ...s }]))
  }

  /**
   * Forgets the statistics {@link FaultInjector.stats} returns. The configuration and the request counters that
   * decide the faults stay ({@link FaultInjector.set} restarts those).
   */
  resetStats(): void {
    this.statistics.clear()
  }
}

const isActiveFaults = (f: OperationFaults | undefined): boolean =>
  f !== undefined &&
  ((f.throttle ?? 0) > 0 || (f.internalError ?? 0) > 0 || (f.drop ?? 0) > 0 || f.latencyMs !== undefined)

const isActive = (config: FaultConfig): boolean =>
  isActiveFaults(config.all) || Object.values(config.operations ?? {}).some(isActiveFaults)
