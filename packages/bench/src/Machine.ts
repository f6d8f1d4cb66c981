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
