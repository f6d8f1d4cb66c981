/**
 * The two profiles of the suite and their sizes. `quick` runs with the unit tests (`pnpm test`); `full` is the
 * on-demand run (`pnpm test:reliability`, or `RELIABILITY_PROFILE=full`) whose figures go to `RELIABILITY.md`.
 *
 * @since 0.1.0
 */

/**
 * A profile name.
 *
 * @category models
 * @since 0.1.0
 */
export type Profile = "quick" | "full"

/**
 * The sizes of one profile.
 *
 * @category models
 * @since 0.1.0
 */
export interface Sizes {
  readonly soak: {
    /** Concurrent streams, each over its own domain. */
    readonly streams: number
    /** Enrollment jobs each stream pages through. */
    readonly jobsPerStream: number
    /** Page size of stream `i` is `pageSizes[i % length]`. */
    readonly pageSizes: ReadonlyArray<number>
  }
  /** Calls that meet total throttling, with 1, 2, … attempts. */
  readonly throttledCalls: number
  /** Jobs of the stream that meets emulator restarts, and how many times it is killed. */
  readonly restart: { readonly jobs: number; readonly kills: number; readonly writes: number }
  /** Generated invalid requests. */
  readonly badRequests: number
  /** Generated bad responses. */
  readonly badResponses: number
  /** Generated requests of each emulator-abuse class that is generated (garbage bodies, signatures, ...). */
  readonly abusePerClass: number
  /** Concurrent clients in the emulator-abuse run. */
  readonly parallelClients: number
}

/**
 * The profile of this run: `full` when `RELIABILITY_PROFILE` is `full`, else `quick`.
 *
 * @category profile
 * @since 0.1.0
 */
export const current: Profile = process.env.RELIABILITY_PROFILE === "full" ? "full" : "quick"

const quick: Sizes = {
  soak: { streams: 10, jobsPerStream: 1_000, pageSizes: [50, 40, 25, 20, 100, 50, 40, 25, 20, 100] },
  throttledCalls: 4,
  restart: { jobs: 400, kills: 1, writes: 60 },
  badRequests: 2_500,
  badResponses: 2_500,
  abusePerClass: 40,
  parallelClients: 200
}

const full: Sizes = {
  soak: { streams: 10, jobsPerStream: 10_000, pageSizes: [100, 50, 40, 25, 20, 100, 50, 40, 25, 20] },
  throttledCalls: 10,
  restart: { jobs: 5_000, kills: 3, writes: 600 },
  badRequests: 12_000,
  badResponses: 12_000,
  abusePerClass: 400,
  parallelClients: 200
}

/**
 * The sizes of a profile.
 *
 * @category profile
 * @since 0.1.0
 */
export const sizesOf = (profile: Profile): Sizes => (profile === "full" ? full : quick)

/**
 * The sizes of this run.
 *
 * @category profile
 * @since 0.1.0
 */
export const sizes: Sizes = sizesOf(current)
