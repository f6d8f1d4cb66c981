/**
 * What BENCHMARKS.md records about where it was measured: the machine and the exact versions.
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Build from "./Build.js"

/**
 * The machine.
 *
 * @category models
 * @since 0.1.0
 */
export interface Machine {
  readonly cpuModel: string
  readonly cores: number
  readonly memoryGiB: number
  readonly os: string
  readonly node: string
}

/**
 * Reads the machine's description (`/proc/cpuinfo` for the CPU model where there is one).
 *
 * @category constructors
 * @since 0.1.0
 */
export const describe = (): Machine => {
  let cpuModel = Os.cpus()[0]?.model ?? "unknown"
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))
    if (match !== null) cpuModel = match[1]!.trim()
  } catch {
    // Not Linux: os.cpus() said it.
  }
  return {
    cpuModel,
    cores: Os.availableParallelism(),
    memoryGiB: Os.totalmem() / 1024 ** 3,
    os: `${Os.type()} ${Os.release()} ${Os.arch()}`,
    node: process.version
  }
}

/**
 * The machine's load averages over 1, 5 and 15 minutes (zeros where the OS has none).
 *
 * @category machine
 * @since 0.1.0
 */
export const loadAverage = (): readonly [number, number, number] => {
  const [one = 0, five = 0, fifteen = 0] = Os.loadavg()
  return [one, five, fifteen]
}

/**
 * Samples the 1-minute load average every `everyMs` until stopped: the machine is shared, and a figure taken while
 * others ran is worth less, so the report states the load it ran under.
 *
 * @category machine
 * @since 0.1.0
 */
export const sampleLoad = (everyMs = 5000): { readonly stop: () => LoadDuringRun } => {
  const start = loadAverage()
  const samples: Array<number> = [start[0]]
  const timer = setInterval(() => samples.push(loadAverage()[0]), everyMs)
  timer.unref()
  return {
    stop: () => {
      clearInterval(timer)
      const end = loadAverage()
      samples.push(end[0])
      return { start, end, oneMinute: samples }
    }
  }
}

/**
 * The load averages around a run: at its start and end (1, 5, 15 min) and the 1-minute figure sampled during it.
 *
 * @category models
 * @since 0.1.0
 */
export interface LoadDuringRun {
  readonly start: readonly [number, number, number]
  readonly end: readonly [number, number, number]
  readonly oneMinute: ReadonlyArray<number>
}

/**
 * The packages whose versions are recorded.
 *
 * @category constants
 * @since 0.1.0
 */
export const measuredPackages = [
  "@aws-sdk/client-voice-id",
  "@smithy/signature-v4",
  "@smithy/hash-node",
  "@smithy/protocol-http",
  "aws4fetch",
  "undici",
  "autocannon",
  "esbuild",
  "effect",
  "@effect/platform",
  "@effect/platform-node",
  "@effect-voiceid/node",
  "@effect-voiceid/edge",
  "@effect-voiceid/emulator"
] as const

/**
 * The installed version of each package, as this package resolves it; also the undici inside Node (the global
 * `fetch`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const versions = (): ReadonlyArray<{ readonly name: string; readonly version: string }> => {
  const require = createRequire(Path.join(Build.packageDir, "package.json"))
  // Some packages do not export their package.json: walk up from their entry point to it.
  const read = (name: string) => {
    try {
      let dir = Path.dirname(require.resolve(name))
      while (dir !== Path.dirname(dir)) {
        try {
          const manifest = JSON.parse(readFileSync(Path.join(dir, "package.json"), "utf8")) as {
            name?: string
            version?: string
          }
          if (manifest.name === name && manifest.version !== undefined) return manifest.version
        } catch {
          // No manifest here: keep walking up.
        }
        dir = Path.dirname(dir)
      }
    } catch {
      // Not resolvable from here.
    }
    return "not installed"
  }
  return [
    { name: "node", version: process.version },
    { name: "undici in node (global fetch)", version: process.versions.undici ?? "unknown" },
    ...measuredPackages.map((name) => ({ name, version: read(name) }))
  ]
}
