/**
 * The benchmark run: builds the processes, starts the page server, runs each phase and writes BENCHMARKS.md.
 *
 * @since 0.1.0
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import * as Path from "node:path"
import * as Build from "./Build.js"
import type { ClientEntry } from "./Clients.js"
import * as Clients from "./Clients.js"
import * as Workers from "./edge/Workers.js"
import * as Load from "./Load.js"
import * as Machine from "./Machine.js"
import type { DomainSpec } from "./PageServer.js"
import * as Processes from "./Processes.js"
import * as Profile from "./Profile.js"
import * as Report from "./Report.js"
import * as Stats from "./Stats.js"
import { signers } from "./signing/Signers.js"
import * as Wire from "./Wire.js"

/**
 * The phases, in the order they run.
 *
 * @category models
 * @since 0.1.0
 */
export const phases = ["edge", "signing", "cold", "paging", "scaling", "memory", "load", "profile"] as const

/**
 * A phase.
 *
 * @category models
 * @since 0.1.0
 */
export type Phase = (typeof phases)[number]

/**
 * Every size and count of a run.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  readonly jobs: number
  readonly memoryJobs: number
  readonly pageSize: number
  readonly runs: number
  readonly warmup: number
  readonly coldRuns: number
  readonly scalingSizes: ReadonlyArray<number>
  readonly scalingStreams: ReadonlyArray<number>
  readonly scalingRuns: number
  readonly signingMs: number
  readonly signingRuns: number
  readonly loadSeconds: number
  readonly loadConnections: ReadonlyArray<number>
  readonly soakSeconds: number
  /** Soak every load target, not only those marked for it (proves the soak on the page server). */
  readonly soakAll: boolean
  readonly loadUrl: { readonly url: string; readonly domainId: string } | undefined
  readonly phases: ReadonlyArray<Phase>
  /** Client keys to run (all when empty). */
  readonly only: ReadonlyArray<string>
  readonly out: string
  /** Where the built processes and the raw results JSON go. */
  readonly workDir: string
  readonly command: string
}

/**
 * The full run, as the issue sets it: 100k jobs for throughput, 1M for memory, ≥ 7 alternated runs.
 *
 * @category options
 * @since 0.1.0
 */
export const defaults: Options = {
  jobs: 100_000,
  memoryJobs: 1_000_000,
  pageSize: Wire.pageSize,
  runs: 7,
  warmup: 1,
  coldRuns: 7,
  scalingSizes: [1_000, 10_000, 100_000, 1_000_000],
  scalingStreams: [1, 4, 16],
  // Two rounds: the scaling tables are supplementary, and the full run has to fit in ten minutes on two cores.
  scalingRuns: 2,
  signingMs: 500,
  signingRuns: 5,
  loadSeconds: 5,
  loadConnections: [1, 8, 64],
  soakSeconds: 60,
  soakAll: false,
  loadUrl: undefined,
  phases,
  only: [],
  out: Path.resolve(Build.packageDir, "..", "..", "BENCHMARKS.md"),
  workDir: Path.join(Build.packageDir, "dist"),
  command: "pnpm bench"
}

/**
 * `--quick`: every phase at small sizes, in well under a minute, written beside the build output so it never
 * replaces the real BENCHMARKS.md. The figures are noise; it proves the harness.
 *
 * @category options
 * @since 0.1.0
 */
export const quick: Partial<Options> = {
  jobs: 5_000,
  memoryJobs: 20_000,
  runs: 3,
  warmup: 0,
  coldRuns: 3,
  scalingSizes: [1_000, 5_000, 20_000],
  scalingStreams: [1, 4, 16],
  scalingRuns: 1,
  signingMs: 200,
  signingRuns: 3,
  loadSeconds: 1,
  soakSeconds: 2,
  soakAll: true,
  out: Path.join(Build.packageDir, "dist", "BENCHMARKS.quick.md")
}

/**
 * The command line's synopsis.
 *
 * @category options
 * @since 0.1.0
 */
export const usage = `usage: pnpm bench [--quick] [--jobs N] [--memory-jobs N] [--page-size P] [--runs R] [--warmup W]
  [--cold-runs R] [--scaling-sizes 1000,10000,...] [--scaling-streams 1,4,16] [--scaling-runs R]
  [--signing-ms MS] [--signing-runs R] [--load-seconds S] [--load-connections 1,8,64] [--soak-seconds S]
  [--soak-all] [--load-url URL --load-domain ID] [--phases edge,signing,cold,paging,scaling,memory,load,profile]
  [--only key,key] [--out FILE]`

/**
 * Reads the command line into options (`--quick` first, then every explicit flag over it).
 *
 * @category options
 * @since 0.1.0
 */
export const parseArgs = (args: ReadonlyArray<string>): Options => {
  const values = new Map<string, string>()
  const flags = new Set<string>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--") continue
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}\n${usage}`)
    const name = arg.slice(2)
    if (name === "quick" || name === "soak-all" || name === "help") flags.add(name)
    else {
      const value = args[++i]
      if (value === undefined) throw new Error(`--${name} needs a value\n${usage}`)
      values.set(name, value)
    }
  }
  if (flags.has("help")) throw new Error(usage)
  const base: Options = { ...defaults, ...(flags.has("quick") ? quick : {}) }
  const whole = (name: string, text: string) => {
    const parsed = Number(text.replace(/_/g, ""))
    if (text === "" || !Number.isInteger(parsed) || parsed < 0)
      throw new Error(`--${name} takes whole numbers\n${usage}`)
    return parsed
  }
  const int = (name: string, fallback: number) => {
    const value = values.get(name)
    return value === undefined ? fallback : whole(name, value)
  }
  const list = (name: string, fallback: ReadonlyArray<number>) => {
    const value = values.get(name)
    return value === undefined ? fallback : value.split(",").map((v) => whole(name, v))
  }
  const known = new Set([
    "jobs",
    "memory-jobs",
    "page-size",
    "runs",
    "warmup",
    "cold-runs",
    "scaling-sizes",
    "scaling-streams",
    "scaling-runs",
    "signing-ms",
    "signing-runs",
    "load-seconds",
    "load-connections",
    "soak-seconds",
    "load-url",
    "load-domain",
    "phases",
    "only",
    "out"
  ])
  for (const name of values.keys()) if (!known.has(name)) throw new Error(`unknown option --${name}\n${usage}`)
  const selected = values.get("phases")?.split(",") ?? base.phases
  for (const phase of selected) {
    if (!(phases as ReadonlyArray<string>).includes(phase)) throw new Error(`unknown phase ${phase}\n${usage}`)
  }
  const loadUrl = values.get("load-url")
  const loadDomain = values.get("load-domain")
  if ((loadUrl === undefined) !== (loadDomain === undefined)) {
    throw new Error(`--load-url and --load-domain go together\n${usage}`)
  }
  const pageSize = int("page-size", base.pageSize)
  if (pageSize < 1 || pageSize > 100) throw new Error("--page-size must be 1 to 100")
  return {
    jobs: int("jobs", base.jobs),
    memoryJobs: int("memory-jobs", base.memoryJobs),
    pageSize,
    runs: Math.max(1, int("runs", base.runs)),
    warmup: int("warmup", base.warmup),
    coldRuns: Math.max(1, int("cold-runs", base.coldRuns)),
    scalingSizes: list("scaling-sizes", base.scalingSizes),
    scalingStreams: list("scaling-streams", base.scalingStreams),
    scalingRuns: Math.max(1, int("scaling-runs", base.scalingRuns)),
    signingMs: int("signing-ms", base.signingMs),
    signingRuns: Math.max(1, int("signing-runs", base.signingRuns)),
    loadSeconds: Math.max(1, int("load-seconds", base.loadSeconds)),
    loadConnections: list("load-connections", base.loadConnections),
    soakSeconds: int("soak-seconds", base.soakSeconds),
    soakAll: flags.has("soak-all") || base.soakAll,
    loadUrl: loadUrl === undefined ? undefined : { url: loadUrl.replace(/\/$/, ""), domainId: loadDomain! },
    phases: phases.filter((p) => selected.includes(p)),
    only: values.get("only")?.split(",") ?? [],
    out: Path.resolve(values.get("out") ?? base.out),
    workDir: base.workDir,
    command: ["pnpm bench", ...args.filter((a) => a !== "--")].join(" ")
  }
}

const streamDomainName = (streams: number, index: number) => `streams-${streams}-${index}`

/** The page server's domains: each size a phase needs, once. */
const domainSpecs = (options: Options): ReadonlyArray<DomainSpec> => {
  const specs = new Map<string, number>()
  const wants = (phase: Phase) => options.phases.includes(phase)
  specs.set("cold", options.pageSize)
  if (wants("paging") || wants("scaling") || wants("profile")) specs.set("size-" + options.jobs, options.jobs)
  if (wants("memory")) specs.set("size-" + options.memoryJobs, options.memoryJobs)
  if (wants("scaling")) {
    for (const size of options.scalingSizes) specs.set("size-" + size, size)
    for (const streams of options.scalingStreams) {
      if (streams <= 1) continue
      for (let i = 0; i < streams; i++) {
        // Split exactly: the first (jobs mod streams) domains get one more job.
        specs.set(
          streamDomainName(streams, i),
          Math.floor(options.jobs / streams) + (i < options.jobs % streams ? 1 : 0)
        )
      }
    }
  }
  return [...specs].map(([name, jobs]) => ({ name, jobs }))
}

/**
 * Runs the selected phases and writes the report; returns the results.
 *
 * @category running
 * @since 0.1.0
 */
export const run = async (
  options: Options,
  log: (line: string) => void = (line) => process.stderr.write(line + "\n")
): Promise<Report.Results> => {
  const started = performance.now()
  const loadSampler = Machine.sampleLoad()
  const clients: ReadonlyArray<ClientEntry> =
    options.only.length === 0 ? Clients.clients : Clients.clients.filter((c) => options.only.includes(c.key))
  const wants = (phase: Phase) => options.phases.includes(phase)

  log("building client, server and signer processes")
  const installed = await Build.build(
    {
      "server-main": "src/server-main.ts",
      "emulator-main": "src/emulator-main.ts",
      "run-signer": "src/signing/run-signer.ts",
      ...Object.fromEntries(clients.map((c) => ["clients/" + c.key, c.entry]))
    },
    "installed",
    Path.join(options.workDir, "installed")
  )
  const bundled =
    wants("cold") || wants("memory")
      ? await Build.build(
          Object.fromEntries(clients.map((c) => ["clients/" + c.key, c.entry])),
          "bundled",
          Path.join(options.workDir, "bundled")
        )
      : {}
  await mkdir(options.workDir, { recursive: true })
  const emptyScript = Path.join(options.workDir, "empty.mjs")
  await writeFile(emptyScript, "")

  const specs = domainSpecs(options)
  log(
    `starting the page server: ${specs.reduce((n, s) => n + s.jobs, 0).toLocaleString("en-US")} jobs in ${specs.length} domains`
  )
  const server = await Processes.startServer(installed["server-main"]!, { domains: specs, pageSize: options.pageSize })
  const clientFile = (c: ClientEntry) => installed["clients/" + c.key]!

  /** `runs` alternated rounds (after `warmup` discarded ones) of every client over the given domains. */
  const rounds = async (
    title: string,
    domainNames: ReadonlyArray<string>,
    runs: number,
    warmup: number
  ): Promise<ReadonlyArray<Report.ClientRuns>> => {
    const domains = domainNames.map(server.domain)
    const acc = new Map(
      clients.map((c) => [c.key, { wall: [] as Array<number>, cpu: [] as Array<number>, rss: [] as Array<number> }])
    )
    for (let round = 0; round < warmup + runs; round++) {
      for (const client of Stats.rotate(clients, round)) {
        const { result } = await Processes.runClient(clientFile(client), {
          endpoint: server.url,
          domains,
          pageSize: options.pageSize
        })
        if (round < warmup) continue
        const into = acc.get(client.key)!
        into.wall.push(result.wallMs)
        into.cpu.push(result.cpuUserMs + result.cpuSystemMs)
        into.rss.push(result.peakRssMiB)
      }
      log(`  ${title}: ${round < warmup ? "warm-up round" : "round " + (round - warmup + 1) + "/" + runs} done`)
    }
    return clients.map((c) => {
      const a = acc.get(c.key)!
      return { key: c.key, label: c.label, wallMs: a.wall, cpuMs: a.cpu, peakRssMiB: a.rss }
    })
  }

  const profiles: Array<Profile.ProfileSummary> = []
  const results: {
    -readonly [K in keyof Report.Results]: Report.Results[K]
  } = {
    command: options.command,
    date: new Date().toISOString(),
    durationS: 0,
    machine: Machine.describe(),
    versions: Machine.versions(),
    clients,
    pageSize: options.pageSize
  }

  try {
    if (wants("edge")) {
      log("edge: bundling the Workers")
      const cold = server.domain("cold")
      const rows: Array<Workers.WorkerSize> = []
      for (const worker of Workers.workers) {
        rows.push(
          await Workers.measure(worker, Path.join(options.workDir, "edge"), { endpoint: server.url, domainId: cold.id })
        )
      }
      results.edge = { rows }
    }

    if (wants("signing")) {
      log("signing: checking every signer signs alike")
      const date = new Date("2026-05-01T12:00:00Z")
      const headers = await Promise.all(signers.map((s) => s.make()(date)))
      const identical = headers.every((h) => h === headers[0])
      if (!identical) log("  signers disagree:\n" + headers.map((h, i) => `  ${signers[i]!.key}: ${h}`).join("\n"))
      const acc = new Map(signers.map((s) => [s.key, [] as Array<number>]))
      for (let round = 0; round < options.signingRuns; round++) {
        for (const signer of Stats.rotate(signers, round)) {
          const finished = await Processes.runNode(installed["run-signer"]!, [
            "--signer",
            signer.key,
            "--ms",
            String(options.signingMs)
          ])
          if (finished.code !== 0) throw new Error(`signer ${signer.key} failed:\n${finished.stderr}`)
          acc.get(signer.key)!.push((JSON.parse(finished.stdout) as { opsPerSec: number }).opsPerSec)
        }
        log(`  signing: round ${round + 1}/${options.signingRuns} done`)
      }
      results.signing = {
        runs: options.signingRuns,
        ms: options.signingMs,
        identical,
        rows: signers.map((s) => ({ key: s.key, label: s.label, what: s.what, opsPerSec: acc.get(s.key)! }))
      }
    }

    if (wants("cold")) {
      log("cold start")
      const cold = [server.domain("cold")]
      const installedMs = new Map(clients.map((c) => [c.key, [] as Array<number>]))
      const bundledMs = new Map(clients.map((c) => [c.key, [] as Array<number>]))
      const nodeEmptyMs: Array<number> = []
      // A reference: what our Node adapter imports from `node_modules`, imported alone (no client, no request).
      const oursInstalled = installed["clients/" + Clients.oursKeys.node]
      const dependencies =
        oursInstalled === undefined ? undefined : await dependenciesAlone(oursInstalled, options.workDir)
      const dependenciesMs: Array<number> = []
      for (let round = 0; round < options.coldRuns; round++) {
        nodeEmptyMs.push((await Processes.runNode(emptyScript, [])).wallMs)
        if (dependencies !== undefined) dependenciesMs.push((await Processes.runNode(dependencies.file, [])).wallMs)
        for (const client of Stats.rotate(clients, round)) {
          const variants = [
            [clientFile(client), installedMs],
            [bundled["clients/" + client.key]!, bundledMs]
          ] as const
          // Alternate which variant goes first, as the clients are.
          for (const [file, into] of round % 2 === 0 ? variants : [...variants].reverse()) {
            const run = await Processes.runClient(file, {
              endpoint: server.url,
              domains: cold,
              pageSize: options.pageSize
            })
            into.get(client.key)!.push(run.processWallMs)
          }
        }
      }
      const composed = await Build.composition(
        Object.fromEntries(
          clients
            .filter((c) => c.role === "ours" || c.key === Clients.officialKey || c.key === Clients.floorKey)
            .map((c) => [c.key, c.entry])
        )
      )
      results.cold = {
        runs: options.coldRuns,
        nodeEmptyMs,
        ...(dependencies === undefined
          ? {}
          : {
              dependenciesAlone: { packages: dependencies.packages, modules: dependencies.modules, ms: dependenciesMs }
            }),
        composition: clients
          .filter((c) => composed[c.key] !== undefined)
          .map((c) => ({ key: c.key, label: c.label, ...composed[c.key]! })),
        rows: clients.map((c) => ({
          key: c.key,
          label: c.label,
          installedMs: installedMs.get(c.key)!,
          bundledMs: bundledMs.get(c.key)!
        }))
      }
    }

    if (wants("paging")) {
      log(`paging: ${options.jobs.toLocaleString("en-US")} jobs, ${options.runs} runs`)
      results.paging = {
        jobs: options.jobs,
        runs: options.runs,
        rows: await rounds("paging", ["size-" + options.jobs], options.runs, options.warmup)
      }
    }

    // Memory before scaling, so scaling can reuse its run at the memory size.
    if (wants("memory")) {
      log(`memory: ${options.memoryJobs.toLocaleString("en-US")} jobs`)
      const domain = server.domain("size-" + options.memoryJobs)
      const rows: Array<Report.MemoryRun> = []
      const memoryRun = async (client: ClientEntry, file: string): Promise<Report.MemoryRun> => {
        const { result } = await Processes.runClient(file, {
          endpoint: server.url,
          domains: [domain],
          pageSize: options.pageSize,
          sampleEvery: Math.max(
            options.pageSize,
            Math.ceil(options.memoryJobs / 10 / options.pageSize) * options.pageSize
          ),
          gcSamples: true
        })
        return {
          key: client.key,
          label: client.label,
          heapStartMiB: result.heapStartMiB,
          wallMs: result.wallMs,
          peakRssMiB: result.peakRssMiB,
          samples: result.samples
        }
      }
      for (const client of clients) {
        rows.push(await memoryRun(client, clientFile(client)))
        log(`  memory: ${client.label} done`)
      }
      // Ours and SDK v3 again as single-file bundles: without the source of every installed module in the heap.
      const bundledRows: Array<Report.MemoryRun> = []
      for (const client of clients.filter((c) => c.key === Clients.oursKeys.node || c.key === Clients.officialKey)) {
        const file = bundled["clients/" + client.key]
        if (file === undefined) continue
        bundledRows.push(await memoryRun(client, file))
        log(`  memory: ${client.label} (single-file bundle) done`)
      }
      results.memory = { jobs: options.memoryJobs, rows, bundledRows }
    }

    if (wants("scaling")) {
      const sizes: Array<{ jobs: number; source: string; rows: ReadonlyArray<Report.ClientRuns> }> = []
      for (const size of options.scalingSizes) {
        if (results.paging !== undefined && size === options.jobs) {
          sizes.push({ jobs: size, source: "the paging runs", rows: results.paging.rows })
        } else if (results.memory !== undefined && size === options.memoryJobs) {
          sizes.push({
            jobs: size,
            source: "the memory runs (one each, with ten forced GCs)",
            rows: results.memory.rows.map((r) => ({
              key: r.key,
              label: r.label,
              wallMs: [r.wallMs],
              cpuMs: [],
              peakRssMiB: [r.peakRssMiB]
            }))
          })
        } else {
          log(`scaling: ${size.toLocaleString("en-US")} jobs`)
          sizes.push({
            jobs: size,
            source: "",
            rows: await rounds(`${size} jobs`, ["size-" + size], options.scalingRuns, 0)
          })
        }
      }
      const streams: Array<{ streams: number; source: string; rows: ReadonlyArray<Report.ClientRuns> }> = []
      for (const count of options.scalingStreams) {
        if (count <= 1 && results.paging !== undefined) {
          streams.push({ streams: 1, source: "the paging runs", rows: results.paging.rows })
          continue
        }
        log(`scaling: ${count} concurrent streams`)
        const names =
          count <= 1 ? ["size-" + options.jobs] : Array.from({ length: count }, (_, i) => streamDomainName(count, i))
        streams.push({
          streams: Math.max(1, count),
          source: "",
          rows: await rounds(`${count} streams`, names, options.scalingRuns, 0)
        })
      }
      results.scaling = { runs: options.scalingRuns, sizes, jobs: options.jobs, streams }
    }

    if (wants("profile")) {
      const profiled = clients.filter((c) => c.key === Clients.oursKeys.node || c.key === Clients.officialKey)
      for (const client of profiled) {
        log(`profile: ${client.label}, ${options.jobs.toLocaleString("en-US")} jobs`)
        const dir = Path.join(options.workDir, "profiles", client.key)
        await rm(dir, { recursive: true, force: true })
        await mkdir(dir, { recursive: true })
        await Processes.runClient(clientFile(client), {
          endpoint: server.url,
          domains: [server.domain("size-" + options.jobs)],
          pageSize: options.pageSize,
          profile: Path.join(dir, "client.cpuprofile")
        })
        profiles.push(
          await Profile.summarizeDir(dir, {
            title: `${client.label}: streaming ${options.jobs.toLocaleString("en-US")} jobs (measured window only)`,
            target: client.role === "ours" ? "paging" : "paging (reference)"
          })
        )
      }
      const ours = clients.find((c) => c.key === Clients.oursKeys.node)
      if (ours !== undefined) {
        log(`profile: ${ours.label}, cold start`)
        const dir = Path.join(options.workDir, "profiles", ours.key + "-cold")
        await rm(dir, { recursive: true, force: true })
        await mkdir(dir, { recursive: true })
        await Processes.runClient(clientFile(ours), {
          endpoint: server.url,
          domains: [server.domain("cold")],
          pageSize: options.pageSize,
          nodeArgs: ["--cpu-prof", "--cpu-prof-interval", "200", "--cpu-prof-dir", dir]
        })
        profiles.push(
          await Profile.summarizeDir(dir, {
            title: `${ours.label}: cold start as installed (whole process: imports, construction, one page)`,
            target: "cold start"
          })
        )
      }
    }
  } finally {
    await server.close()
  }

  if (wants("load")) {
    const targets = Load.targets({
      pageServer: (jobs, platform) =>
        Processes.startServer(installed["server-main"]!, {
          domains: [{ name: "load", jobs }],
          pageSize: options.pageSize,
          platform
        }),
      emulator: () => Processes.startListening<{ readonly url: string }>(installed["emulator-main"]!),
      url: options.loadUrl
    })
    const loaded: Array<{ key: string; label: string; levels: Array<Load.LoadLevel>; soak?: Load.Soak }> = []
    for (const target of targets) {
      const running = await target.start()
      try {
        const levels: Array<Load.LoadLevel> = []
        for (const connections of options.loadConnections) {
          log(`load: ${target.label}, ${connections} connection(s), ${options.loadSeconds} s`)
          levels.push(await Load.drive(running, connections, options.loadSeconds))
        }
        const entry: (typeof loaded)[number] = { key: target.key, label: target.label, levels }
        if ((target.soak || options.soakAll) && options.soakSeconds > 0) {
          log(`load: ${target.label}, soak ${options.soakSeconds} s`)
          entry.soak = await Load.soak(running, 8, options.soakSeconds)
        }
        loaded.push(entry)
      } finally {
        await running.close()
      }
    }
    results.load = { targets: loaded }
  }

  if (wants("profile") && options.loadUrl === undefined) {
    log(`profile: emulator, 8 connections, ${options.loadSeconds} s`)
    const dir = Path.join(options.workDir, "profiles", Load.emulatorKey)
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    const emulator = await Processes.startListening<{ readonly url: string }>(installed["emulator-main"]!, [
      "--profile",
      Path.join(dir, "emulator.cpuprofile")
    ])
    try {
      const domainId = await Load.seedEmulator(emulator.ready.url, Load.emulatorJobs)
      await Load.drive(
        { url: emulator.ready.url, domainId, pid: emulator.pid, close: emulator.close },
        8,
        options.loadSeconds
      )
    } finally {
      await emulator.close()
    }
    profiles.push(
      await Profile.summarizeDir(dir, {
        title: `emulator: ListSpeakerEnrollmentJobs at 8 connections for ${options.loadSeconds} s (after start-up)`,
        target: "emulator"
      })
    )
  }
  if (profiles.length > 0) results.profiles = profiles

  results.loadAverage = loadSampler.stop()
  results.durationS = (performance.now() - started) / 1000
  await mkdir(Path.dirname(options.out), { recursive: true })
  await writeFile(options.out, Report.render(results))
  await writeFile(Path.join(options.workDir, "bench-results.json"), JSON.stringify(results, null, 2))
  log(`wrote ${options.out} in ${results.durationS.toFixed(0)} s`)
  return results
}

/**
 * A script importing every module a built client imports from `node_modules` (the `node:` built-ins aside), and
 * nothing else: the start-up cost of those packages alone, as installed.
 */
const dependenciesAlone = async (
  built: string,
  workDir: string
): Promise<{ file: string; packages: ReadonlyArray<string>; modules: number }> => {
  const text = await readFile(built, "utf8")
  const specifiers = new Set<string>()
  for (const match of text.matchAll(/^import\s(?:[^;"]*?\sfrom\s)?"([^"]+)";?$/gm)) {
    const specifier = match[1]!
    if (!specifier.startsWith("node:")) specifiers.add(specifier)
  }
  const packages = new Set([...specifiers].map((s) => Build.packageOf(decodeURIComponent(s))))
  const file = Path.join(workDir, "dependencies-alone.mjs")
  await writeFile(file, [...specifiers].map((s) => `import ${JSON.stringify(s)}`).join("\n") + "\n")
  return { file, packages: [...packages].sort(), modules: specifiers.size }
}
