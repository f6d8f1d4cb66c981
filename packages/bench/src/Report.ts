/**
 * The results of a run and their rendering as BENCHMARKS.md, plus the parser the smoke test reads the tables back
 * with.
 *
 * @since 0.1.0
 */
import type { Composition } from "./Build.js"
import type { ClientEntry } from "./Clients.js"
import * as Clients from "./Clients.js"
import type { Sample } from "./clients/Harness.js"
import * as Workers from "./edge/Workers.js"
import * as Load from "./Load.js"
import type { LoadDuringRun, Machine } from "./Machine.js"
import type { ProfileSummary } from "./Profile.js"
import * as Stats from "./Stats.js"
import * as Signers from "./signing/Signers.js"

/**
 * One client's runs of one measurement.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClientRuns {
  readonly key: string
  readonly label: string
  readonly wallMs: ReadonlyArray<number>
  readonly cpuMs: ReadonlyArray<number>
  readonly peakRssMiB: ReadonlyArray<number>
}

/**
 * One client's memory run.
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryRun {
  readonly key: string
  readonly label: string
  /** Heap used after imports and client construction, before the first request. */
  readonly heapStartMiB?: number | undefined
  readonly wallMs: number
  readonly peakRssMiB: number
  readonly samples: ReadonlyArray<Sample>
}

/**
 * Everything one `pnpm bench` measured.
 *
 * @category models
 * @since 0.1.0
 */
export interface Results {
  readonly command: string
  readonly date: string
  readonly durationS: number
  readonly machine: Machine
  /** The machine's load averages during the run (it is shared). */
  readonly loadAverage?: LoadDuringRun
  readonly versions: ReadonlyArray<{ readonly name: string; readonly version: string }>
  readonly clients: ReadonlyArray<ClientEntry>
  readonly pageSize: number
  readonly paging?: { readonly jobs: number; readonly runs: number; readonly rows: ReadonlyArray<ClientRuns> }
  readonly memory?: {
    readonly jobs: number
    readonly rows: ReadonlyArray<MemoryRun>
    /** Some clients again, as single-file bundles (everything inlined, as in the cold start's bundled column). */
    readonly bundledRows?: ReadonlyArray<MemoryRun>
  }
  readonly cold?: {
    readonly runs: number
    readonly nodeEmptyMs: ReadonlyArray<number>
    /** The modules our Node adapter imports from `node_modules`, imported alone by an otherwise empty script. */
    readonly dependenciesAlone?: {
      readonly packages: ReadonlyArray<string>
      readonly modules: number
      readonly ms: ReadonlyArray<number>
    }
    /** What some clients' single-file bundles hold: what a cold start loads, parses and compiles. */
    readonly composition?: ReadonlyArray<Composition & { readonly key: string; readonly label: string }>
    readonly rows: ReadonlyArray<{
      readonly key: string
      readonly label: string
      readonly installedMs: ReadonlyArray<number>
      readonly bundledMs: ReadonlyArray<number>
    }>
  }
  readonly signing?: {
    readonly runs: number
    readonly ms: number
    readonly identical: boolean
    readonly rows: ReadonlyArray<{
      readonly key: string
      readonly label: string
      readonly what: string
      readonly opsPerSec: ReadonlyArray<number>
    }>
  }
  readonly edge?: { readonly rows: ReadonlyArray<Workers.WorkerSize> }
  readonly load?: {
    readonly targets: ReadonlyArray<{
      readonly key: string
      readonly label: string
      readonly levels: ReadonlyArray<Load.LoadLevel>
      readonly soak?: Load.Soak
    }>
  }
  readonly scaling?: {
    readonly runs: number
    readonly sizes: ReadonlyArray<{
      readonly jobs: number
      readonly source: string
      readonly rows: ReadonlyArray<ClientRuns>
    }>
    readonly jobs: number
    readonly streams: ReadonlyArray<{
      readonly streams: number
      readonly source: string
      readonly rows: ReadonlyArray<ClientRuns>
    }>
  }
  /** CPU profiles of the processes behind the targets. */
  readonly profiles?: ReadonlyArray<ProfileSummary>
}

/** Numbers, ratios, ranges and dashes: cells right-aligned when a whole column is made of them. */
const NUMERIC_CELL = /^(–|-?[\d,.]+(×| MiB| GiB| B)?|[\d,.]+–[\d,.]+)$/

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [
    "| " + header.join(" | ") + " |",
    "|" +
      header
        .map((_, i) =>
          i > 0 && rows.length > 0 && rows.every((row) => NUMERIC_CELL.test(row[i] ?? "")) ? " ---: " : " --- "
        )
        .join("|") +
      "|",
    ...rows.map((row) => "| " + row.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ") + " |")
  ].join("\n")

const ms = (value: number) => Stats.fixed(value, value < 10 ? 2 : 0)
const mib = (value: number) => Stats.fixed(value, 1)
const spread = (samples: ReadonlyArray<number>) => {
  const [low, high] = Stats.range(samples)
  return ms(low) + "–" + ms(high)
}

/**
 * A target's verdict.
 *
 * @category models
 * @since 0.1.0
 */
export type Verdict = "met" | "not met" | "not measured yet"

/**
 * A target and how this run fares against it.
 *
 * @category models
 * @since 0.1.0
 */
export interface TargetStatus {
  readonly target: string
  readonly verdict: Verdict
  readonly evidence: string
}

const medianOf = (
  rows: ReadonlyArray<ClientRuns> | undefined,
  key: string,
  pick: (r: ClientRuns) => ReadonlyArray<number>
) => {
  const row = rows?.find((r) => r.key === key)
  return row === undefined ? undefined : Stats.median(pick(row))
}

const notInTable = (what: string) => what + " is not in the benchmark yet"

/**
 * The targets, each judged from this run's ratios only.
 *
 * @category targets
 * @since 0.1.0
 */
export const targets = (results: Results): ReadonlyArray<TargetStatus> => {
  const ours = Clients.oursKeys.node
  const out: Array<TargetStatus> = []

  const oursWall = medianOf(results.paging?.rows, ours, (r) => r.wallMs)
  const sdkWall = medianOf(results.paging?.rows, Clients.officialKey, (r) => r.wallMs)
  const floorWall = medianOf(results.paging?.rows, Clients.floorKey, (r) => r.wallMs)
  {
    const target = "Paging 100k jobs with our Node adapter: ≤ 0.8× SDK v3 wall and ≤ 2× the node:http floor"
    if (oursWall === undefined)
      out.push({ target, verdict: "not measured yet", evidence: notInTable("our Node adapter") })
    else {
      const vsSdk = Stats.ratio(oursWall, sdkWall)
      const vsFloor = Stats.ratio(oursWall, floorWall)
      out.push({
        target,
        verdict: vsSdk <= 0.8 && vsFloor <= 2 ? "met" : "not met",
        evidence: `${Stats.times(vsSdk)} SDK v3, ${Stats.times(vsFloor)} floor (${results.paging!.jobs.toLocaleString("en-US")} jobs)`
      })
    }
  }
  {
    const target = "1M jobs: peak RSS ≤ SDK v3's + 20 MiB, flat in the number of pages"
    const row = results.memory?.rows.find((r) => r.key === ours)
    const sdk = results.memory?.rows.find((r) => r.key === Clients.officialKey)
    if (row === undefined || sdk === undefined) {
      out.push({ target, verdict: "not measured yet", evidence: notInTable("our Node adapter") })
    } else {
      const growth = heapGrowth(row)
      const flat = growth <= 5
      out.push({
        target,
        verdict: row.peakRssMiB <= sdk.peakRssMiB + 20 && flat ? "met" : "not met",
        evidence: `peak RSS ${mib(row.peakRssMiB)} MiB vs SDK v3 ${mib(sdk.peakRssMiB)} MiB; retained heap growth ${mib(growth)} MiB over the run`
      })
    }
  }
  {
    const target = "Cold start (import + first page) ≤ SDK v3's"
    const row = results.cold?.rows.find((r) => r.key === ours)
    const sdk = results.cold?.rows.find((r) => r.key === Clients.officialKey)
    if (row === undefined || sdk === undefined) {
      out.push({ target, verdict: "not measured yet", evidence: notInTable("our Node adapter") })
    } else {
      // Like with like: each form against the same form of SDK v3; the target is judged as installed, what an
      // application that does not bundle gets.
      const mine = Stats.median(row.installedMs)
      const theirs = Stats.median(sdk.installedMs)
      const mineBundled = Stats.median(row.bundledMs)
      const theirsBundled = Stats.median(sdk.bundledMs)
      out.push({
        target,
        verdict: mine <= theirs ? "met" : "not met",
        evidence:
          `as installed ${ms(mine)} ms vs SDK v3 ${ms(theirs)} ms (${Stats.times(Stats.ratio(mine, theirs))}); ` +
          `single-file bundles ${ms(mineBundled)} ms vs ${ms(theirsBundled)} ms ` +
          `(${Stats.times(Stats.ratio(mineBundled, theirsBundled))})`
      })
    }
  }
  {
    const target = "Signing on Node ≥ 2.5× @smithy/signature-v4 + @smithy/hash-node"
    const row = results.signing?.rows.find((r) => r.key === Signers.oursKey)
    const smithy = results.signing?.rows.find((r) => r.key === "smithy")
    if (row === undefined || smithy === undefined) {
      out.push({ target, verdict: "not measured yet", evidence: notInTable("our signer") })
    } else {
      const x = Stats.ratio(Stats.median(row.opsPerSec), Stats.median(smithy.opsPerSec))
      out.push({ target, verdict: x >= 2.5 ? "met" : "not met", evidence: `${Stats.times(x)} @smithy/signature-v4` })
    }
  }
  {
    const target = "Edge Worker gzip ≤ the SDK v3 Worker's"
    const row = results.edge?.rows.find((r) => r.key === Workers.oursKey)
    const sdk = results.edge?.rows.find((r) => r.key === Workers.officialKey)
    if (row === undefined || sdk === undefined) {
      out.push({ target, verdict: "not measured yet", evidence: notInTable("our Worker") })
    } else {
      out.push({
        target,
        verdict: row.gzipBytes <= sdk.gzipBytes ? "met" : "not met",
        evidence: `${Stats.fixed(row.gzipBytes)} B vs SDK v3 ${Stats.fixed(sdk.gzipBytes)} B gzip -9`
      })
    }
  }
  {
    const target = "Emulator ≥ 5,000 req/s for ListSpeakerEnrollmentJobs at 8 concurrent clients"
    const emulator = results.load?.targets.find((t) => t.key === Load.emulatorKey)
    const level = emulator?.levels.find((l) => l.connections === 8)
    if (level === undefined) {
      out.push({
        target,
        verdict: "not measured yet",
        evidence: emulator === undefined ? notInTable("the emulator") : "the emulator was not run at 8 connections"
      })
    } else {
      out.push({
        target,
        verdict: level.reqPerSec >= 5000 && level.non2xx === 0 && level.errors === 0 ? "met" : "not met",
        evidence: `${Stats.fixed(level.reqPerSec)} req/s, p99 ${Stats.fixed(level.p99Ms, 2)} ms`
      })
    }
  }
  // Where each missed target's gap is explained, in the order above.
  const explained = [
    "profile in §8",
    "baseline in §2 (heap before the first request), what loads in §3",
    "what loads in §3, profile in §8",
    "",
    "what the bundle holds in §5",
    "profile in §8"
  ]
  return out.map((t, i) =>
    t.verdict === "not met" && explained[i] !== "" && explained[i] !== undefined
      ? { ...t, evidence: `${t.evidence}; ${explained[i]}` }
      : t
  )
}

/**
 * For each target not met, what this run's own figures say about the gap (one Markdown list item each).
 *
 * @category targets
 * @since 0.1.0
 */
export const gaps = (results: Results): ReadonlyArray<string> => {
  const ours = Clients.oursKeys.node
  const verdicts = targets(results)
  const missed = (i: number) => verdicts[i]?.verdict === "not met"
  const out: Array<string> = []
  const paging = results.paging
  if (missed(0) && paging !== undefined) {
    const pages = paging.jobs / results.pageSize
    const cpu = (key: string) => medianOf(paging.rows, key, (r) => r.cpuMs)
    const mine = cpu(ours)
    const floor = cpu(Clients.floorKey)
    const sdk = cpu(Clients.officialKey)
    if (mine !== undefined && floor !== undefined && sdk !== undefined) {
      const perPage = (value: number) => Stats.fixed((value * 1000) / pages, 0)
      out.push(
        `- **Paging.** CPU per page: ours ${perPage(mine)} µs, SDK v3 ${perPage(sdk)} µs, the floor ` +
          `${perPage(floor)} µs. The floor sends one fixed unsigned request and only \`JSON.parse\`s each page; a ` +
          "client also validates and signs each request, decodes every item into typed values (a `Date` per " +
          "timestamp), runs its retry schedule and hands pages to a stream: that work, not the transport, is the " +
          "gap (§8 lists the frames)."
      )
    }
  }
  const memory = results.memory
  if (missed(1) && memory !== undefined) {
    const row = memory.rows.find((r) => r.key === ours)
    const sdk = memory.rows.find((r) => r.key === Clients.officialKey)
    const first = row?.samples[0]
    const sdkFirst = sdk?.samples[0]
    if (row !== undefined && sdk !== undefined && first !== undefined && sdkFirst !== undefined) {
      out.push(
        `- **Memory.** The retained heap stays flat (${mib(heapGrowth(row))} MiB of growth over ` +
          `${n(memory.jobs / results.pageSize)} pages), so nothing accumulates per page. Peak RSS is not live data: ` +
          "it is the room V8 gives the heap between full collections, which it sizes from the live heap and the " +
          `allocation rate. As installed, our live heap after the first page is ${mib(first.heapUsedMiB)} MiB ` +
          `against SDK v3's ${mib(sdkFirst.heapUsedMiB)} MiB: it also holds the source text of every module loaded ` +
          "from `node_modules`, and Effect's are many." +
          bundledMemory(memory.bundledRows, ours) +
          ` Ours reads the same pages in ${Stats.fixed((100 * row.wallMs) / sdk.wallMs, 0)} % of SDK v3's time, ` +
          "so its young garbage comes faster."
      )
    }
  }
  const cold = results.cold
  if (missed(2) && cold !== undefined) {
    const row = cold.rows.find((r) => r.key === ours)
    const sdk = cold.rows.find((r) => r.key === Clients.officialKey)
    const alone = cold.dependenciesAlone
    if (row !== undefined && sdk !== undefined && alone !== undefined) {
      const aloneMs = Stats.median(alone.ms)
      out.push(
        `- **Cold start.** As installed, importing the ${alone.modules} modules of ${alone.packages.join(", ")} ` +
          `that our Node adapter uses, alone (no client, no request), takes ${ms(aloneMs)} ms: ` +
          `${Stats.times(Stats.ratio(aloneMs, Stats.median(sdk.installedMs)))} SDK v3's whole cold start. No ` +
          "change to our own code can go below that; our packages are already bundled in. As one bundled file " +
          `(how a Lambda function or a Worker ships), ours takes ` +
          `${Stats.times(Stats.ratio(Stats.median(row.bundledMs), Stats.median(sdk.bundledMs)))} SDK v3's.`
      )
    }
  }
  const signing = results.signing
  if (missed(3) && signing !== undefined) {
    const row = signing.rows.find((r) => r.key === Signers.oursKey)
    const smithy = signing.rows.find((r) => r.key === "smithy")
    if (row !== undefined && smithy !== undefined) {
      out.push(
        `- **Signing.** ${Stats.fixed(Stats.median(row.opsPerSec))} signatures/s against ` +
          `${Stats.fixed(Stats.median(smithy.opsPerSec))} (§4).`
      )
    }
  }
  const edge = results.edge
  if (missed(4) && edge !== undefined) {
    const row = edge.rows.find((r) => r.key === Workers.oursKey)
    const sdk = edge.rows.find((r) => r.key === Workers.officialKey)
    const effect = row?.packages.find((p) => p.name === "effect")
    if (row !== undefined && sdk !== undefined && effect !== undefined) {
      out.push(
        `- **Edge bundle.** The \`effect\` package alone puts ${n(effect.bytes)} minified bytes into our Worker ` +
          `(${share(effect.bytes / row.minifiedBytes)} of it): more than the whole SDK v3 Worker ` +
          `(${n(sdk.minifiedBytes)} B). The fiber runtime, \`Schema\` and streams are what the client is built ` +
          "on; our own code is the rest (§5)."
      )
    }
  }
  const load = results.load
  if (missed(5) && load !== undefined) {
    const at8 = (key: string) =>
      load.targets.find((t) => t.key === key)?.levels.find((l) => l.connections === 8)?.reqPerSec
    const emulator = at8(Load.emulatorKey)
    const platform = at8(Load.platformPageServerKey)
    const plain = at8("page-server")
    if (emulator !== undefined && platform !== undefined && plain !== undefined) {
      out.push(
        `- **Emulator.** ${Stats.fixed(emulator)} req/s at 8 connections. The same prebuilt pages served ` +
          `through \`@effect/platform\`'s HTTP server, with no signature to check and no state to read, reach ` +
          `${Stats.fixed(platform)} req/s in this run, against ${Stats.fixed(plain)} from plain \`node:http\`: ` +
          "the platform's per-request pipeline, not the emulator's own work (verifying each signature, reading its " +
          "state), is what bounds the rate on this machine (§6, profile in §8)."
      )
    }
  }
  return out
}

/** The memory run of single-file bundles, ours against SDK v3, as a sentence (empty when not measured). */
const bundledMemory = (rows: ReadonlyArray<MemoryRun> | undefined, ours: string): string => {
  const mine = rows?.find((r) => r.key === ours)
  const sdk = rows?.find((r) => r.key === Clients.officialKey)
  const mineFirst = mine?.samples[0]
  const sdkFirst = sdk?.samples[0]
  if (mine === undefined || sdk === undefined || mineFirst === undefined || sdkFirst === undefined) return ""
  return (
    " As single-file bundles, where the heap no longer holds the source of every installed module, the live heap " +
    `after the first page is ${mib(mineFirst.heapUsedMiB)} MiB against ${mib(sdkFirst.heapUsedMiB)} MiB and peak ` +
    `RSS ${mib(mine.peakRssMiB)} MiB against ${mib(sdk.peakRssMiB)} MiB.`
  )
}

const memoryHeader = [
  "client",
  "peak RSS MiB",
  "heap before the first request",
  "RSS after page 1",
  "RSS at end",
  "heap after page 1",
  "heap at end",
  "heap growth MiB",
  "wall ms"
]

const memoryCells = (row: MemoryRun): ReadonlyArray<string> => {
  const first = row.samples[0]
  const last = row.samples[row.samples.length - 1]
  return [
    row.label,
    mib(row.peakRssMiB),
    mib(row.heapStartMiB ?? Number.NaN),
    mib(first?.rssMiB ?? Number.NaN),
    mib(last?.rssMiB ?? Number.NaN),
    mib(first?.heapUsedMiB ?? Number.NaN),
    mib(last?.heapUsedMiB ?? Number.NaN),
    mib(heapGrowth(row)),
    ms(row.wallMs)
  ]
}

/** Retained heap at the last sample minus after the first page (the samples force a GC when taken). */
const heapGrowth = (run: MemoryRun): number => {
  const first = run.samples[0]
  const last = run.samples[run.samples.length - 1]
  return first === undefined || last === undefined ? Number.NaN : last.heapUsedMiB - first.heapUsedMiB
}

const ratioCells = (value: number, floor: number | undefined, sdk: number | undefined) => [
  Stats.times(Stats.ratio(value, floor)),
  Stats.times(Stats.ratio(value, sdk))
]

const pagingTable = (rows: ReadonlyArray<ClientRuns>) => {
  const floorWall = medianOf(rows, Clients.floorKey, (r) => r.wallMs)
  const sdkWall = medianOf(rows, Clients.officialKey, (r) => r.wallMs)
  const floorCpu = medianOf(rows, Clients.floorKey, (r) => r.cpuMs)
  const sdkCpu = medianOf(rows, Clients.officialKey, (r) => r.cpuMs)
  return table(
    [
      "client",
      "wall ms (median)",
      "wall min–max",
      "CPU ms (median)",
      "wall ÷ floor",
      "wall ÷ SDK v3",
      "CPU ÷ floor",
      "CPU ÷ SDK v3",
      "peak RSS MiB"
    ],
    rows.map((row) => {
      const wall = Stats.median(row.wallMs)
      const cpu = Stats.median(row.cpuMs)
      return [
        row.label,
        ms(wall),
        spread(row.wallMs),
        ms(cpu),
        ...ratioCells(wall, floorWall, sdkWall),
        ...ratioCells(cpu, floorCpu, sdkCpu),
        mib(Stats.median(row.peakRssMiB))
      ]
    })
  )
}

const n = (value: number) => value.toLocaleString("en-US")

const loads = (values: ReadonlyArray<number>) => values.map((v) => Stats.fixed(v, 2)).join(" / ")

/** The load averages of a shared machine, as rows of the machine table. */
const loadRows = (load: LoadDuringRun | undefined): ReadonlyArray<ReadonlyArray<string>> => {
  if (load === undefined) return []
  const [low, high] = Stats.range(load.oneMinute)
  return [
    ["load average at start (1 / 5 / 15 min)", loads(load.start)],
    [
      "load average during the run (1 min, sampled every 5 s)",
      `median ${Stats.fixed(Stats.median(load.oneMinute), 2)}, ${Stats.fixed(low, 2)}–${Stats.fixed(high, 2)}`
    ],
    ["load average at end (1 / 5 / 15 min)", loads(load.end)]
  ]
}

const share = (value: number) => Stats.fixed(value * 100, 1) + " %"

/** Which of our pieces this run measured, in the order the banner names them. */
const oursCoverage = (results: Results) => [
  { what: "our Node adapter", measured: results.clients.some((c) => c.key === Clients.oursKeys.node) },
  { what: "our edge adapter", measured: results.clients.some((c) => c.key === Clients.oursKeys.edge) },
  { what: "our Worker", measured: results.edge?.rows.some((r) => r.key === Workers.oursKey) === true },
  { what: "our signer", measured: results.signing?.rows.some((r) => r.key === Signers.oursKey) === true },
  { what: "the emulator", measured: results.load?.targets.some((t) => t.key === Load.emulatorKey) === true }
]

/**
 * BENCHMARKS.md.
 *
 * @category rendering
 * @since 0.1.0
 */
export const render = (results: Results): string => {
  const parts: Array<string> = []
  const push = (...lines: ReadonlyArray<string>) => parts.push(lines.join("\n"))
  push(
    "# Benchmarks",
    "",
    `Generated by \`${results.command}\` on ${results.date} in ${Stats.fixed(results.durationS)} s. Do not edit by ` +
      "hand: rerun the command. Medians of several runs from one session, clients alternated; compare ratios, " +
      "not absolute times, across machines."
  )
  const ours = oursCoverage(results)
  const missing = ours.filter((o) => !o.measured).map((o) => o.what)
  if (missing.length > 0) {
    const measured = ours.filter((o) => o.measured).map((o) => o.what)
    push(
      `> **Not measured yet: ${missing.join(", ")}.** ` +
        (ours[0]!.measured
          ? ""
          : 'Our client is not in these tables yet, so the targets about it read "not measured yet". ') +
        (measured.length === 0 ? "" : `Of ours, only ${measured.join(", ")} is measured here.`)
    )
  }

  push(
    "## Machine and versions",
    "",
    table(
      ["what", "value"],
      [
        ["CPU", results.machine.cpuModel],
        ["cores", String(results.machine.cores)],
        ["memory", Stats.fixed(results.machine.memoryGiB, 1) + " GiB"],
        ["OS", results.machine.os],
        ["date", results.date],
        ...loadRows(results.loadAverage)
      ]
    ),
    "",
    table(
      ["package", "version"],
      results.versions.map((v) => [v.name, v.version])
    )
  )

  push(
    "## Method",
    "",
    `- The page server is a static loopback \`node:http\` server (keep-alive) whose \`ListSpeakerEnrollmentJobs\` ` +
      `pages (${results.pageSize} realistic job summaries each, opaque NextTokens) are built before it listens, so ` +
      "a request costs it a small JSON.parse and one write. It checks `X-Amz-Target`, honours `MaxResults`, and does " +
      "not verify signatures. It runs in its own process.",
    "- Every client run is a fresh `node` process running a plain `.mjs` (no TypeScript loader), streaming every job " +
      "of its domain(s), counting them and summing `JobProgress.PercentComplete`; a run with a wrong count or sum " +
      "fails the whole benchmark. Wall and CPU (user + system) are measured inside the process from just before " +
      "the first request (after imports and client construction) to the last item.",
    "- Clients are alternated: each round runs every client once, the order rotated from round to round; one " +
      "warm-up round is discarded. Figures are medians; ratios are taken between medians of the same run.",
    "- Every measured process is plain JavaScript built by esbuild, never run through a TypeScript loader. " +
      "As installed: the benchmark's own code and this repository's packages (`@effect-voiceid/*`, which would ship " +
      "as a built `dist`) are bundled into the entry; every other package (`effect`, `@effect/platform`, " +
      "`@aws-sdk/*`, `undici`, ...) is imported from `node_modules` as installed. The cold start's single-file " +
      "column bundles everything, for every client alike."
  )

  push(
    "## Targets",
    "",
    table(
      ["target", "status", "this run"],
      targets(results).map((t) => [t.target, t.verdict, t.evidence])
    )
  )
  const missed = gaps(results)
  if (missed.length > 0) push("### Why the targets not met are missed, from this run's figures", "", missed.join("\n"))

  if (results.paging !== undefined) {
    const p = results.paging
    push(
      `## 1. Paging throughput: ${n(p.jobs)} jobs, pages of ${results.pageSize}, ${p.runs} runs`,
      "",
      pagingTable(p.rows),
      "",
      "Floor: unsigned `node:http` with keep-alive. CPU is user + system of the client process in the measured window."
    )
  }

  if (results.memory !== undefined) {
    const m = results.memory
    const deciles = m.rows[0]?.samples.slice(1).map((s) => s.items) ?? []
    push(
      `## 2. Memory: ${n(m.jobs)} jobs (${n(Math.ceil(m.jobs / results.pageSize))} pages)`,
      "",
      "Sampled after the first page and every tenth of the run, each sample after a forced full GC " +
        "(`--expose-gc`), so heap figures are the retained heap; growth is last sample minus first.",
      "",
      table(memoryHeader, m.rows.map(memoryCells)),
      "",
      "Retained heap (MiB) against pages streamed:",
      "",
      table(
        ["client", ...deciles.map((items) => n(Math.round(items / results.pageSize)) + " pages")],
        m.rows.map((row) => [row.label, ...row.samples.slice(1).map((s) => mib(s.heapUsedMiB))])
      ),
      "",
      "RSS (MiB) against pages streamed:",
      "",
      table(
        ["client", ...deciles.map((items) => n(Math.round(items / results.pageSize)) + " pages")],
        m.rows.map((row) => [row.label, ...row.samples.slice(1).map((s) => mib(s.rssMiB))])
      )
    )
    if (m.bundledRows !== undefined && m.bundledRows.length > 0) {
      push(
        "The same run as single-file bundles (every package inlined and tree-shaken, as in the cold start's bundled " +
          "column): as installed, the heap also holds the source text of every module loaded from `node_modules`.",
        "",
        table(memoryHeader, m.bundledRows.map(memoryCells))
      )
    }
  }

  if (results.cold !== undefined) {
    const c = results.cold
    const sdk = c.rows.find((r) => r.key === Clients.officialKey)
    const sdkInstalled = sdk === undefined ? undefined : Stats.median(sdk.installedMs)
    const sdkBundled = sdk === undefined ? undefined : Stats.median(sdk.bundledMs)
    push(
      `## 3. Cold start: import the client and fetch one page, ${c.runs} runs`,
      "",
      "Whole-process wall time as the parent sees it, from spawn to exit, of `node client.mjs` fetching one page of " +
        `${results.pageSize} jobs.`,
      "",
      table(
        ["client", "as installed ms (median)", "÷ SDK v3", "single-file bundle ms (median)", "÷ SDK v3 bundled"],
        [
          ...c.rows.map((row) => {
            const installed = Stats.median(row.installedMs)
            const bundled = Stats.median(row.bundledMs)
            return [
              row.label,
              ms(installed),
              Stats.times(Stats.ratio(installed, sdkInstalled)),
              ms(bundled),
              Stats.times(Stats.ratio(bundled, sdkBundled))
            ]
          }),
          ...(c.dependenciesAlone === undefined
            ? []
            : [
                [
                  `the ${c.dependenciesAlone.modules} modules of ${c.dependenciesAlone.packages.join(", ")} that ` +
                    "effect-voiceid (Node adapter) imports, imported alone (reference)",
                  ms(Stats.median(c.dependenciesAlone.ms)),
                  Stats.times(Stats.ratio(Stats.median(c.dependenciesAlone.ms), sdkInstalled)),
                  "–",
                  "–"
                ]
              ]),
          ["node, empty script (reference)", ms(Stats.median(c.nodeEmptyMs)), "–", "–", "–"]
        ]
      )
    )
    if (c.composition !== undefined && c.composition.length > 0) {
      const kib = (bytes: number) => Stats.fixed(bytes / 1024, 0)
      push(
        "What a cold start loads: the source files and KiB of JavaScript each client's single-file bundle holds " +
          "(esbuild's metafile, after tree-shaking), by package, the five largest of each client. As installed, " +
          "Node reads and compiles at least these files from `node_modules`, one module at a time.",
        "",
        table(
          ["client", "package", "files", "KiB", "share"],
          c.composition.flatMap((row) => [
            [row.label, "(all)", Stats.fixed(row.files), kib(row.bytes), "100.0 %"],
            ...row.packages
              .slice(0, 5)
              .map((p) => [row.label, p.name, Stats.fixed(p.files), kib(p.bytes), share(p.bytes / row.bytes)])
          ])
        )
      )
    }
  }

  if (results.signing !== undefined) {
    const s = results.signing
    const smithy = s.rows.find((r) => r.key === "smithy")
    const smithyOps = smithy === undefined ? undefined : Stats.median(smithy.opsPerSec)
    push(
      `## 4. Signing: SigV4 signatures per second, in-process, ${s.runs} runs of ${n(s.ms)} ms`,
      "",
      `Each signer signs the same \`ListSpeakerEnrollmentJobs\` request at the same date, in its own process after a ` +
        `warm-up. Identical Authorization headers from every signer: ${s.identical ? "yes" : "**no**"}.`,
      "",
      table(
        ["signer", "signatures/s (median)", "min–max", "÷ @smithy/signature-v4", "how"],
        s.rows.map((row) => {
          const ops = Stats.median(row.opsPerSec)
          const [low, high] = Stats.range(row.opsPerSec)
          return [
            row.label,
            Stats.fixed(ops),
            Stats.fixed(low) + "–" + Stats.fixed(high),
            Stats.times(Stats.ratio(ops, smithyOps)),
            row.what
          ]
        })
      )
    )
  }

  if (results.edge !== undefined) {
    const sdk = results.edge.rows.find((r) => r.key === Workers.officialKey)
    push(
      "## 5. Edge bundle: one-operation Worker",
      "",
      "esbuild (bundle, minify, ESM, browser/worker conditions, es2022), then gzip level 9. Each bundle was loaded " +
        "and asked for one page from the page server before being measured.",
      "",
      table(
        ["Worker", "minified bytes", "gzip -9 bytes", "gzip ÷ SDK v3", "items on the check"],
        results.edge.rows.map((row) => [
          row.label,
          Stats.fixed(row.minifiedBytes),
          Stats.fixed(row.gzipBytes),
          Stats.times(Stats.ratio(row.gzipBytes, sdk?.gzipBytes)),
          row.checkedItems === undefined ? "–" : String(row.checkedItems)
        ])
      )
    )
    const ours = results.edge.rows.find((r) => r.key === Workers.oursKey)
    if (ours !== undefined && ours.packages.length > 0) {
      const total = ours.packages.reduce((sum, p) => sum + p.bytes, 0)
      push(
        `What ${ours.label}'s bundle is made of (minified bytes each input contributes, from esbuild's metafile; ` +
          "gzip compresses the whole, so shares are of the minified size):",
        "",
        table(
          ["package", "minified bytes", "share"],
          ours.packages.map((p) => [p.name, Stats.fixed(p.bytes), share(p.bytes / total)])
        ),
        "",
        "Largest source files in it:",
        "",
        table(
          ["file", "minified bytes", "share"],
          ours.files.map((f) => [f.name, Stats.fixed(f.bytes), share(f.bytes / total)])
        )
      )
    }
  }

  if (results.load !== undefined) {
    push(
      "## 6. Server load: ListSpeakerEnrollmentJobs on loopback",
      "",
      "autocannon (keep-alive connections, one signed request repeated: the first page of a domain), load generator " +
        "and server in separate processes on the same machine. req/s is completed requests over the run's duration.",
      "",
      table(
        ["target", "connections", "seconds", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors"],
        results.load.targets.flatMap((t) =>
          t.levels.map((l) => [
            t.label,
            String(l.connections),
            String(l.seconds),
            Stats.fixed(l.reqPerSec),
            Stats.fixed(l.p50Ms, 2),
            Stats.fixed(l.p99Ms, 2),
            String(l.non2xx),
            String(l.errors)
          ])
        )
      )
    )
    const soaks = results.load.targets.filter((t) => t.soak !== undefined)
    if (soaks.length > 0) {
      push(
        "Soak: resident memory of the server process, sampled every second under load.",
        "",
        table(
          ["target", "connections", "seconds", "req/s", "RSS first MiB", "RSS last MiB", "RSS max MiB", "samples"],
          soaks.map((t) => {
            const s = t.soak!
            return [
              t.label,
              String(s.level.connections),
              String(s.level.seconds),
              Stats.fixed(s.level.reqPerSec),
              mib(s.rssMiB[0] ?? Number.NaN),
              mib(s.rssMiB[s.rssMiB.length - 1] ?? Number.NaN),
              mib(s.rssMiB.length === 0 ? Number.NaN : Math.max(...s.rssMiB)),
              String(s.rssMiB.length)
            ]
          })
        )
      )
    }
    if (!results.load.targets.some((t) => t.key === Load.emulatorKey)) {
      push("The emulator is not in the load table yet: the rows above prove the harness on the static page server.")
    }
  }

  if (results.scaling !== undefined) {
    const sc = results.scaling
    const labels = results.clients.map((c) => c)
    const cell = (rows: ReadonlyArray<ClientRuns>, key: string, f: (wall: number) => string) => {
      const wall = medianOf(rows, key, (r) => r.wallMs)
      return wall === undefined ? "–" : f(wall)
    }
    push(
      "## 7. Scaling",
      "",
      "Wall ms (median) to stream every job, by the number of jobs (one stream). " +
        sc.sizes
          .filter((s) => s.source !== "")
          .map((s) => `${n(s.jobs)}: ${s.source}.`)
          .join(" "),
      "",
      table(
        ["client", ...sc.sizes.map((s) => n(s.jobs) + " jobs")],
        labels.map((c) => [c.label, ...sc.sizes.map((s) => cell(s.rows, c.key, ms))])
      ),
      "",
      "Microseconds per job:",
      "",
      table(
        ["client", ...sc.sizes.map((s) => n(s.jobs) + " jobs")],
        labels.map((c) => [
          c.label,
          ...sc.sizes.map((s) => cell(s.rows, c.key, (wall) => Stats.fixed((wall * 1000) / s.jobs, 2)))
        ])
      ),
      "",
      `Wall ms (median) to stream ${n(sc.jobs)} jobs split evenly over concurrent streams, one domain each, in one ` +
        "process. " +
        sc.streams
          .filter((s) => s.source !== "")
          .map((s) => `${s.streams} stream(s): ${s.source}.`)
          .join(" "),
      "",
      table(
        ["client", ...sc.streams.map((s) => s.streams + (s.streams === 1 ? " stream" : " streams")), "last ÷ first"],
        labels.map((c) => {
          const walls = sc.streams.map((s) => medianOf(s.rows, c.key, (r) => r.wallMs))
          return [
            c.label,
            ...walls.map((w) => (w === undefined ? "–" : ms(w))),
            Stats.times(Stats.ratio(walls[walls.length - 1], walls[0]))
          ]
        })
      )
    )
  }

  if (results.profiles !== undefined && results.profiles.length > 0) {
    push(
      "## 8. Profiles: where the time goes",
      "",
      "CPU profiles (V8 sampling profiler, 200 µs) taken in the same run, of the process behind each target: a " +
        "client's measured window only (after imports and construction), the emulator after start-up under the " +
        "8-connection load. Self time; shares are of the busy (non-idle) samples; the profiler's own overhead " +
        "inflates small frames a little. A shared machine's other work shows up as idle or as longer samples."
    )
    for (const p of results.profiles) {
      push(
        `### ${p.title}`,
        "",
        `Target: ${p.target}. Sampled ${ms(p.sampledMs)} ms, of which idle ${ms(p.idleMs)} ms.`,
        "",
        table(
          ["frame (self time)", "ms", "share"],
          p.frames.map((f) => [f.name, ms(f.selfMs), share(f.share)])
        ),
        "",
        table(
          ["package", "ms", "share"],
          p.packages.map((f) => [f.name, ms(f.selfMs), share(f.share)])
        )
      )
    }
  }

  push(
    "## Clients",
    "",
    table(
      ["client", "what"],
      results.clients.map((c) => [c.label, c.what])
    )
  )

  const raw: Array<string> = []
  const rawRuns = (title: string, rows: ReadonlyArray<ClientRuns>) => {
    raw.push(`${title}:`, "")
    for (const row of rows)
      raw.push(`- ${row.label}: wall ${row.wallMs.map(ms).join(", ")}; CPU ${row.cpuMs.map(ms).join(", ")}`)
    raw.push("")
  }
  if (results.paging !== undefined) rawRuns("Paging, ms in run order", results.paging.rows)
  for (const s of results.scaling?.sizes ?? []) if (s.source === "") rawRuns(`Scaling ${n(s.jobs)} jobs`, s.rows)
  for (const s of results.scaling?.streams ?? []) if (s.source === "") rawRuns(`Scaling ${s.streams} streams`, s.rows)
  if (results.cold !== undefined) {
    raw.push("Cold start, ms in run order (installed / bundled):", "")
    for (const row of results.cold.rows) {
      raw.push(`- ${row.label}: ${row.installedMs.map(ms).join(", ")} / ${row.bundledMs.map(ms).join(", ")}`)
    }
    const alone = results.cold.dependenciesAlone
    if (alone !== undefined) raw.push(`- their dependencies imported alone: ${alone.ms.map(ms).join(", ")}`)
    raw.push(`- node, empty script: ${results.cold.nodeEmptyMs.map(ms).join(", ")}`, "")
  }
  if (results.signing !== undefined) {
    raw.push("Signing, signatures/s in run order:", "")
    for (const row of results.signing.rows)
      raw.push(`- ${row.label}: ${row.opsPerSec.map((o) => Stats.fixed(o)).join(", ")}`)
    raw.push("")
  }
  if (raw.length > 0) push("## Raw samples", "", "<details>", "", ...raw, "</details>")
  return parts.join("\n\n") + "\n"
}

/**
 * A Markdown table read back: the heading it sits under, its header cells and its rows.
 *
 * @category parsing
 * @since 0.1.0
 */
export interface ParsedTable {
  readonly heading: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

const cells = (line: string): Array<string> =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, "|"))

/**
 * Every pipe table of a Markdown document. Throws on a malformed one (no delimiter row, or a row whose cell count
 * differs from the header's), which is what the smoke test checks.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parseTables = (markdown: string): ReadonlyArray<ParsedTable> => {
  const lines = markdown.split("\n")
  const tables: Array<ParsedTable> = []
  let heading = ""
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "")
    if (!line.startsWith("|")) continue
    const header = cells(line)
    const delimiter = lines[i + 1]
    if (delimiter === undefined || !/^\|(\s*:?-{3,}:?\s*\|)+$/.test(delimiter.trim())) {
      throw new Error(`table under "${heading}" at line ${i + 1} has no delimiter row`)
    }
    if (cells(delimiter).length !== header.length) {
      throw new Error(`table under "${heading}" at line ${i + 1}: delimiter has the wrong number of cells`)
    }
    const rows: Array<Array<string>> = []
    let j = i + 2
    for (; j < lines.length && lines[j]!.startsWith("|"); j++) {
      const row = cells(lines[j]!)
      if (row.length !== header.length) {
        throw new Error(
          `table under "${heading}" at line ${j + 1} has ${row.length} cells, its header ${header.length}`
        )
      }
      rows.push(row)
    }
    tables.push({ heading, header, rows })
    i = j - 1
  }
  return tables
}

/**
 * A numeric cell as a number (`1,234.5`, `1.23×`, `12.3 MiB`); `undefined` for `–` or text.
 *
 * @category parsing
 * @since 0.1.0
 */
export const numeric = (cell: string): number | undefined => {
  const match = /^(-?[\d,]+(?:\.\d+)?)(?:×|\s.*)?$/.exec(cell.trim())
  return match === null ? undefined : Number(match[1]!.replace(/,/g, ""))
}
