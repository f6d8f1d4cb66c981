/**
 * Micro-benchmark (not a test): the cost of decoding one 100-job `ListSpeakerEnrollmentJobs` page.
 *
 * Variants, alternated in rotating order round after round, so that a noisy machine spreads its noise over all of
 * them; each round times a batch of pages per variant, and the report gives the median time per page over the
 * rounds, and each variant's cost over `JSON.parse` alone (the median of the per-round differences).
 *
 * - `JSON.parse`: the floor.
 * - `Schema path`: what `Codec.decodeResponse` did on a 2xx before the generated decoders: `JSON.parse`, a copy of
 *   the body without `null` members, `effect/Schema` decoding, `$metadata` spread in.
 * - `generated decoder`: `JSON.parse` and the generated decoder alone.
 * - `Codec.decodeResponse`: the codec as it is.
 * - `baseline Codec.decodeResponse` (with `--baseline <dir>`): the `Codec.ts` of another copy of `src`, for an A/B
 *   in one process.
 *
 * Run: `pnpm --filter @effect-voiceid/protocol bench:decode [--rounds 21] [--pages 200] [--baseline <src dir>]`,
 * where `<src dir>` is the `src` directory of another checkout of this package (an older commit, say).
 */
import * as Path from "node:path"
import { pathToFileURL } from "node:url"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Codec from "../src/Codec.js"
import * as Decoders from "../src/generated/Decoders.js"
import { ListSpeakerEnrollmentJobs } from "../src/generated/Operations.js"

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? undefined : process.argv[at + 1]
}
const rounds = Number(argument("rounds") ?? 21)
const pagesPerBatch = Number(argument("pages") ?? 200)
const baselineDir = argument("baseline")

// ---------------------------------------------------------------------------------------------------------------
// A realistic page: the mix of job states a busy domain shows, times with milliseconds, 22-character ids.
// ---------------------------------------------------------------------------------------------------------------

const random = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const next = random(42)
const id = () =>
  Array.from(
    { length: 22 },
    () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(next() * 62)]
  ).join("")
const DomainId = id()
const jobs = Array.from({ length: 100 }, (_, i) => {
  const createdMs = 1714521600000 + i * 37_000 + Math.floor(next() * 30_000)
  const roll = next()
  const base = {
    CreatedAt: createdMs / 1000,
    DomainId,
    JobId: id(),
    JobName: `enrollment-${String(i).padStart(8, "0")}`
  }
  const EndedAt = (createdMs + 20_000 + Math.floor(next() * 600_000)) / 1000
  if (roll < 0.9) {
    const JobStatus = roll < 0.85 ? "COMPLETED" : "COMPLETED_WITH_ERRORS"
    return { ...base, EndedAt, JobProgress: { PercentComplete: 100 }, JobStatus }
  }
  if (roll < 0.94) {
    const FailureDetails = {
      Message: "The input data config references an object that does not exist.",
      StatusCode: 400
    }
    return {
      ...base,
      EndedAt,
      FailureDetails,
      JobProgress: { PercentComplete: Math.floor(next() * 100) },
      JobStatus: "FAILED"
    }
  }
  return { ...base, JobProgress: { PercentComplete: 1 + Math.floor(next() * 98) }, JobStatus: "IN_PROGRESS" }
})
const body = JSON.stringify({ JobSummaries: jobs, NextToken: Buffer.from(id().repeat(8)).toString("base64") })
const response = { status: 200, headers: { "x-amzn-requestid": "6c1a7f64-0000-4000-8000-000000000001" }, body }

// ---------------------------------------------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------------------------------------------

const withoutNullMembers = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNullMembers)
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, member]) => (member === null ? [] : [[key, withoutNullMembers(member)]]))
  )
}
const schemaDecode = Schema.decodeUnknownEither(ListSpeakerEnrollmentJobs.output, {
  errors: "first",
  onExcessProperty: "ignore"
})

let sink: unknown
const variants: Array<{ readonly name: string; readonly run: () => unknown }> = [
  { name: "JSON.parse", run: () => JSON.parse(response.body) },
  {
    name: "Schema path",
    run: () => {
      const decoded = schemaDecode(withoutNullMembers(JSON.parse(response.body)))
      if (Either.isLeft(decoded)) throw new Error("the page does not decode")
      return { ...decoded.right, $metadata: Codec.responseMetadata(response) }
    }
  },
  { name: "generated decoder", run: () => Decoders.ListSpeakerEnrollmentJobsResponse(JSON.parse(response.body)) },
  { name: "Codec.decodeResponse", run: () => Codec.decodeResponse(ListSpeakerEnrollmentJobs, response) }
]
if (baselineDir !== undefined) {
  const Baseline = (await import(pathToFileURL(Path.resolve(baselineDir, "Codec.ts")).href)) as typeof Codec
  const BaselineOperations = (await import(
    pathToFileURL(Path.resolve(baselineDir, "generated", "Operations.ts")).href
  )) as { ListSpeakerEnrollmentJobs: typeof ListSpeakerEnrollmentJobs }
  variants.push({
    name: "baseline Codec.decodeResponse",
    run: () => Baseline.decodeResponse(BaselineOperations.ListSpeakerEnrollmentJobs, response)
  })
}

// Every variant must decode the page to the same value before any is timed.
const reference = Codec.decodeResponse(ListSpeakerEnrollmentJobs, response)
if (Either.isLeft(reference)) throw new Error("the page does not decode")
for (const v of variants.slice(1)) {
  const out = v.run()
  const value = Either.isEither(out) ? Either.getOrThrow(out) : out
  const { $metadata: _, ...page } = value as Record<string, unknown>
  const { $metadata: _r, ...expected } = reference.right
  if (JSON.stringify(page) !== JSON.stringify(expected)) throw new Error(`${v.name} decodes the page differently`)
}

const batch = (run: () => unknown): number => {
  const start = process.hrtime.bigint()
  for (let i = 0; i < pagesPerBatch; i++) sink = run()
  return Number(process.hrtime.bigint() - start) / 1e3 / pagesPerBatch
}

// Warm up every variant (JIT tiers) before the rounds that count.
for (let i = 0; i < 5; i++) for (const v of variants) batch(v.run)

const samples = new Map<string, Array<number>>(variants.map((v) => [v.name, []]))
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < variants.length; k++) {
    const v = variants[(round + k) % variants.length]!
    samples.get(v.name)!.push(batch(v.run))
  }
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
// "Over JSON.parse" is the median of each round's difference, so that a slow round (the machine busy elsewhere)
// weighs on both sides of the difference.
const floors = samples.get("JSON.parse")!
console.log(
  `one ListSpeakerEnrollmentJobs page: 100 jobs, ${body.length} bytes; ${rounds} rounds × ${pagesPerBatch} pages; node ${process.version}`
)
console.log("variant                          median µs/page   over JSON.parse      min      max")
for (const v of variants) {
  const xs = samples.get(v.name)!
  const over = v.name === "JSON.parse" ? "" : median(xs.map((x, round) => x - floors[round]!)).toFixed(1)
  const cells = [
    median(xs).toFixed(1).padStart(10),
    over.padStart(14),
    Math.min(...xs)
      .toFixed(1)
      .padStart(6)
  ]
  console.log(
    `${v.name.padEnd(32)} ${cells.join("   ")}  ${Math.max(...xs)
      .toFixed(1)
      .padStart(6)}`
  )
}
if (sink === undefined) console.log("")
