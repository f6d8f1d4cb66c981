/**
 * Server load: `ListSpeakerEnrollmentJobs` requests per second and latency percentiles at several connection
 * counts (autocannon, in the runner's process; the target runs in its own), and a soak that samples the target's
 * resident memory to show it stays flat.
 *
 * @since 0.1.0
 */
import { readFile } from "node:fs/promises"
import { SigV4 } from "@effect-voiceid/protocol"
import autocannon, { type Result } from "autocannon"
import type * as Processes from "./Processes.js"
import { nodeCrypto } from "./signing/Signers.js"
import * as Wire from "./Wire.js"

/**
 * A running load target.
 *
 * @category models
 * @since 0.1.0
 */
export interface RunningTarget {
  readonly url: string
  readonly domainId: string
  /** Process id of the server, to sample its memory (`undefined` for a server this process did not start). */
  readonly pid: number | undefined
  readonly close: () => Promise<void>
}

/**
 * A load target: something that serves `ListSpeakerEnrollmentJobs` on loopback.
 *
 * @category models
 * @since 0.1.0
 */
export interface LoadTarget {
  readonly key: string
  readonly label: string
  /** Whether the soak runs against it. */
  readonly soak: boolean
  readonly start: () => Promise<RunningTarget>
}

/**
 * Key the emulator will have; the emulator target in BENCHMARKS.md looks it up.
 *
 * @category references
 * @since 0.1.0
 */
export const emulatorKey = "emulator"

/**
 * Key of the static page server on `@effect/platform`'s HTTP server: the ceiling of any app on that server.
 *
 * @category references
 * @since 0.1.0
 */
export const platformPageServerKey = "page-server-platform"

/**
 * The load targets: the static page server (to prove the harness and show what the load generator can drive on
 * this machine), the same on `@effect/platform`'s HTTP server (what the platform's pipeline costs), the emulator (its own process, a domain seeded through its control route, signed requests), and
 * any URL given on the command line.
 *
 * @category tables
 * @since 0.1.0
 */
export const targets = (options: {
  /** Starts a page server process: on `node:http`, or on `@effect/platform`'s HTTP server with `platform`. */
  readonly pageServer: (jobs: number, platform: boolean) => Promise<Processes.ServerProcess>
  /** Starts the emulator's process (see `emulator-main.ts`); absent, the emulator is not a target. */
  readonly emulator?: (() => Promise<Processes.ListeningProcess<{ readonly url: string }>>) | undefined
  readonly url?: { readonly url: string; readonly domainId: string } | undefined
}): ReadonlyArray<LoadTarget> => [
  {
    key: "page-server",
    label: "static page server",
    soak: false,
    start: async () => {
      const server = await options.pageServer(1000, false)
      return { url: server.url, domainId: server.domains[0]!.id, pid: server.pid, close: server.close }
    }
  },
  {
    key: platformPageServerKey,
    label: "static page server on @effect/platform",
    soak: false,
    start: async () => {
      const server = await options.pageServer(1000, true)
      return { url: server.url, domainId: server.domains[0]!.id, pid: server.pid, close: server.close }
    }
  },
  ...(options.emulator === undefined
    ? []
    : [
        {
          key: emulatorKey,
          label: "emulator",
          soak: true,
          start: async (): Promise<RunningTarget> => {
            const emulator = await options.emulator!()
            try {
              const domainId = await seedEmulator(emulator.ready.url, emulatorJobs)
              return { url: emulator.ready.url, domainId, pid: emulator.pid, close: emulator.close }
            } catch (cause) {
              await emulator.close()
              throw cause
            }
          }
        }
      ]),
  ...(options.url === undefined
    ? []
    : [
        {
          key: "url",
          label: "given URL",
          soak: true,
          start: async () => ({
            url: options.url!.url,
            domainId: options.url!.domainId,
            pid: undefined,
            close: async () => {}
          })
        }
      ])
]

/**
 * Enrollment jobs seeded into the emulator's load domain: ten pages, of which the load repeats the first.
 *
 * @category constants
 * @since 0.1.0
 */
export const emulatorJobs = 1000

/**
 * Seeds a new domain of a running emulator with `count` speaker enrollment jobs through its control route
 * (`POST /__emulator/seed`) and returns the domain's id.
 *
 * @category load
 * @since 0.1.0
 */
export const seedEmulator = async (url: string, count: number): Promise<string> => {
  const response = await fetch(url + "/__emulator/seed", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count, domainName: "bench-load" })
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`the emulator refused the seed (${response.status}): ${text}`)
  const { domainId } = JSON.parse(text) as { readonly domainId?: unknown }
  if (typeof domainId !== "string") throw new Error("the emulator's seed answer has no domainId: " + text)
  return domainId
}

/**
 * The request every connection repeats: the first page of the domain, signed once with the project's signer
 * (valid for the 15 minutes a verifier allows), so a target that checks signatures accepts it.
 *
 * @category requests
 * @since 0.1.0
 */
export const signedRequest = (url: string, domainId: string) => {
  const body = Wire.requestBody(domainId, Wire.pageSize, undefined)
  const headers = { host: new URL(url).host, "content-type": Wire.contentType, "x-amz-target": Wire.target }
  const signed = SigV4.sign(nodeCrypto, { method: "POST", path: "/", headers, body }, Wire.credentials, {
    region: Wire.region,
    service: Wire.service,
    signingDate: new Date()
  })
  return {
    method: "POST",
    headers: {
      "content-type": headers["content-type"],
      "x-amz-target": headers["x-amz-target"],
      ...signed.headers
    },
    body
  }
}

/**
 * Requests per second and latency at one connection count.
 *
 * @category models
 * @since 0.1.0
 */
export interface LoadLevel {
  readonly connections: number
  readonly seconds: number
  readonly requests: number
  readonly reqPerSec: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly non2xx: number
  readonly errors: number
}

/**
 * Drives `url` with `connections` keep-alive connections for `seconds`.
 *
 * @category load
 * @since 0.1.0
 */
export const drive = async (target: RunningTarget, connections: number, seconds: number): Promise<LoadLevel> => {
  const request = signedRequest(target.url, target.domainId)
  // autocannon's own histogram keeps whole milliseconds; loopback latencies are fractions of one, so keep each.
  const latencies: Array<number> = []
  const result = await new Promise<Result>((resolve, reject) => {
    autocannon(
      {
        url: target.url + "/",
        connections,
        duration: seconds,
        method: request.method,
        headers: request.headers,
        body: request.body
      },
      (error, result) => (error === null ? resolve(result) : reject(error))
    ).on("response", (_client, statusCode, _bytes, ms) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms)
    })
  })
  const sorted = Float64Array.from(latencies).sort()
  const percentile = (p: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  return {
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    // Completed requests over the run's measured duration, not autocannon's mean of per-second buckets.
    reqPerSec: result.requests.total / result.duration,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts
  }
}

/**
 * Resident memory of a process, from `/proc` (`undefined` where there is none).
 *
 * @category load
 * @since 0.1.0
 */
export const residentMiB = async (pid: number): Promise<number | undefined> => {
  try {
    const status = await readFile("/proc/" + pid + "/status", "utf8")
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
    return match === null ? undefined : Number(match[1]) / 1024
  } catch {
    return undefined
  }
}

/**
 * A soak: load at a fixed connection count with the target's memory sampled every second.
 *
 * @category models
 * @since 0.1.0
 */
export interface Soak {
  readonly level: LoadLevel
  /** Resident MiB, one sample a second. */
  readonly rssMiB: ReadonlyArray<number>
}

/**
 * Soaks the target for `seconds` at `connections` connections.
 *
 * @category load
 * @since 0.1.0
 */
export const soak = async (target: RunningTarget, connections: number, seconds: number): Promise<Soak> => {
  const rssMiB: Array<number> = []
  const sample = async () => {
    if (target.pid === undefined) return
    const rss = await residentMiB(target.pid)
    if (rss !== undefined) rssMiB.push(rss)
  }
  await sample()
  const timer = setInterval(() => void sample(), 1000)
  try {
    const level = await drive(target, connections, seconds)
    await sample()
    return { level, rssMiB }
  } finally {
    clearInterval(timer)
  }
}
