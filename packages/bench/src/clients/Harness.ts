/**
 * The `main` of every client process: `node <client>.mjs --endpoint URL --expect N [--domains id,id]
 * [--expect-checksum S] [--page-size P] [--sample-every ITEMS] [--gc-samples] [--profile FILE]` streams every job
 * of the given domains (concurrently when several; the standalone page server's `default` domain when none), counts
 * them, and prints one JSON line; with `--profile`, a CPU profile of the measured window is written to FILE. Exit status 1 when the count or the
 * checksum is wrong, 2 on bad arguments, 3 when the client failed.
 *
 * The measured window opens after the client is constructed, just before the first request, and closes after the
 * last item: process start-up and imports are cold start's business, measured separately from outside.
 *
 * @since 0.1.0
 */
import * as Jobs from "../Jobs.js"
import type { JobSummaryLike } from "../Wire.js"
import * as Wire from "../Wire.js"

/**
 * A constructed client, able to stream the jobs of one domain in order, calling `visit` once per job.
 *
 * @category models
 * @since 0.1.0
 */
export interface StreamClient {
  readonly streamJobs: (domainId: string, visit: (job: JobSummaryLike) => void) => Promise<void>
  readonly close?: () => Promise<void> | void
}

/**
 * What a client file gives the harness.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClientDefinition {
  readonly name: string
  readonly make: (options: {
    readonly endpoint: string
    readonly pageSize: number
  }) => StreamClient | Promise<StreamClient>
}

/**
 * A memory sample taken while streaming.
 *
 * @category models
 * @since 0.1.0
 */
export interface Sample {
  readonly items: number
  readonly rssMiB: number
  readonly heapUsedMiB: number
}

/**
 * The JSON line a client process prints.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClientResult {
  readonly client: string
  readonly ok: boolean
  readonly count: number
  readonly expected: number
  readonly checksum: number
  readonly expectedChecksum: number | null
  readonly wallMs: number
  readonly cpuUserMs: number
  readonly cpuSystemMs: number
  readonly peakRssMiB: number
  readonly heapStartMiB: number
  readonly heapUsedMiB: number
  readonly samples: ReadonlyArray<Sample>
  readonly error?: string
}

const MiB = 1024 * 1024

const argument = (args: ReadonlyArray<string>, name: string): string | undefined => {
  const at = args.indexOf("--" + name)
  return at === -1 ? undefined : args[at + 1]
}

const usage = (message: string): never => {
  process.stderr.write(message + "\n")
  process.stderr.write(
    "usage: node <client> --endpoint URL --expect N [--domains id,id] [--expect-checksum S] [--page-size P]" +
      " [--sample-every ITEMS] [--gc-samples] [--profile FILE]\n"
  )
  process.exit(2)
}

/**
 * Parses the arguments, runs the client and exits.
 *
 * @category entry points
 * @since 0.1.0
 */
export const main = async (definition: ClientDefinition): Promise<void> => {
  const args = process.argv.slice(2)
  const endpoint = argument(args, "endpoint") ?? usage("--endpoint is required")
  const expected = Number(argument(args, "expect") ?? usage("--expect is required"))
  const domains = (argument(args, "domains") ?? Jobs.domainId(Wire.defaultDomainName))
    .split(",")
    .filter((d) => d !== "")
  const checksumArgument = argument(args, "expect-checksum")
  const expectedChecksum = checksumArgument === undefined ? null : Number(checksumArgument)
  const pageSize = Number(argument(args, "page-size") ?? Wire.pageSize)
  const sampleEvery = Number(argument(args, "sample-every") ?? 0)
  const gcSamples = args.includes("--gc-samples")
  const profileFile = argument(args, "profile")
  if (!Number.isInteger(expected) || expected < 0 || domains.length === 0 || !Number.isInteger(pageSize)) {
    usage("bad arguments")
  }
  // Forced collections at samples make the sampled heap the retained heap, which is what shows a leak.
  const gc = gcSamples ? (globalThis as { gc?: () => void }).gc : undefined
  if (gcSamples && gc === undefined) usage("--gc-samples needs node --expose-gc")

  let count = 0
  let checksum = 0
  const samples: Array<Sample> = []
  const sample = () => {
    gc?.()
    const memory = process.memoryUsage()
    samples.push({ items: count, rssMiB: memory.rss / MiB, heapUsedMiB: memory.heapUsed / MiB })
  }
  const visit =
    sampleEvery > 0
      ? (job: JobSummaryLike) => {
          count++
          checksum += job.JobProgress?.PercentComplete ?? 0
          if (count === pageSize || count % sampleEvery === 0) sample()
        }
      : (job: JobSummaryLike) => {
          count++
          checksum += job.JobProgress?.PercentComplete ?? 0
        }

  const client = await definition.make({ endpoint, pageSize })
  // Imported only when asked for, so that no other run loads the inspector.
  const profile = profileFile === undefined ? undefined : await (await import("../Profiler.js")).start(profileFile)
  const heapStart = process.memoryUsage().heapUsed
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  let error: string | undefined
  try {
    await Promise.all(domains.map((domain) => client.streamJobs(domain, visit)))
  } catch (cause) {
    error = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)
  }
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  await profile?.stop()
  if (sampleEvery > 0 && samples[samples.length - 1]?.items !== count) sample()
  const result: ClientResult = {
    client: definition.name,
    ok: error === undefined && count === expected && (expectedChecksum === null || checksum === expectedChecksum),
    count,
    expected,
    checksum,
    expectedChecksum,
    wallMs,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    // maxRSS is in KiB.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapStartMiB: heapStart / MiB,
    heapUsedMiB: process.memoryUsage().heapUsed / MiB,
    samples,
    ...(error === undefined ? {} : { error })
  }
  await client.close?.()
  process.stdout.write(JSON.stringify(result) + "\n")
  // Keep-alive sockets may hold the loop open; the answer is out, so leave now.
  process.exit(error !== undefined ? 3 : result.ok ? 0 : 1)
}

/**
 * Runs `main` and reports a crash of the harness itself.
 *
 * @category entry points
 * @since 0.1.0
 */
export const run = (definition: ClientDefinition): void => {
  main(definition).catch((cause: unknown) => {
    process.stderr.write(String(cause instanceof Error ? cause.stack : cause) + "\n")
    process.exit(3)
  })
}
