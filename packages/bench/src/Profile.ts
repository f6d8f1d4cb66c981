/**
 * CPU profiles of the measured processes (`node --cpu-prof`), summarized for BENCHMARKS.md: the frames with the
 * most self time and the self time by package. A profile is sampled wall time of the main thread; idle and
 * garbage-collection samples are listed as such.
 *
 * @since 0.1.0
 */
import { readdir, readFile } from "node:fs/promises"
import * as Path from "node:path"

/**
 * A frame or a package and the self time sampled in it.
 *
 * @category models
 * @since 0.1.0
 */
export interface ProfileEntry {
  readonly name: string
  readonly selfMs: number
  /** Share of the busy (non-idle) samples. */
  readonly share: number
}

/**
 * A summarized profile.
 *
 * @category models
 * @since 0.1.0
 */
export interface ProfileSummary {
  /** What was profiled, for the report. */
  readonly title: string
  /** The target the profile explains. */
  readonly target: string
  readonly sampledMs: number
  readonly idleMs: number
  readonly frames: ReadonlyArray<ProfileEntry>
  readonly packages: ReadonlyArray<ProfileEntry>
}

interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number
    readonly callFrame: {
      readonly functionName: string
      readonly url: string
      readonly lineNumber: number
    }
  }>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** `effect`, `@smithy/core`, ... from a module URL; our bundled code by its file; Node's own as `node`. */
const packageOfUrl = (url: string, functionName: string): string => {
  if (url === "") return functionName.startsWith("(") ? functionName : "native"
  if (url.startsWith("node:")) return "node"
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(url)
  if (inModules !== null) return inModules[1]!
  return "bundled: " + url.replace(/^.*\//, "")
}

/** A short location: the path from the package (or the file name), and the 1-based line. */
const whereOf = (url: string, line: number): string => {
  if (url === "") return ""
  const short = url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\/(?!.*\/node_modules\/)/, "")
    .replace(/^.*\/([^/]+\.m?js)$/, "$1")
  return `${short}:${line + 1}`
}

const top = (entries: Map<string, number>, busy: number, count: number): ReadonlyArray<ProfileEntry> =>
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: busy > 0 ? us / busy : 0 }))

/**
 * Summarizes a `.cpuprofile`: the `count` frames with the most self time and the self time by package.
 *
 * @category summaries
 * @since 0.1.0
 */
export const summarize = (
  profile: CpuProfile,
  meta: { readonly title: string; readonly target: string },
  count = 15
): ProfileSummary => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const selfById = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!
    selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const frames = new Map<string, number>()
  const packages = new Map<string, number>()
  let sampled = 0
  let idle = 0
  for (const [id, us] of selfById) {
    const frame = byId.get(id)!
    sampled += us
    if (frame.functionName === "(idle)") {
      idle += us
      continue
    }
    // The inspector's own message dispatch (starting and stopping the profiler, building the profile): not the
    // profiled program's work.
    if (frame.functionName === "dispatch" && frame.url === "") {
      sampled -= us
      continue
    }
    const where = whereOf(frame.url, frame.lineNumber)
    const name = (frame.functionName || "(anonymous)") + (where === "" ? "" : " " + where)
    frames.set(name, (frames.get(name) ?? 0) + us)
    const pkg = packageOfUrl(frame.url, frame.functionName)
    packages.set(pkg, (packages.get(pkg) ?? 0) + us)
  }
  const busy = sampled - idle
  return {
    ...meta,
    sampledMs: sampled / 1000,
    idleMs: idle / 1000,
    frames: top(frames, busy, count),
    packages: top(packages, busy, 10)
  }
}

/**
 * Reads the one `.cpuprofile` a process wrote into `dir` and summarizes it.
 *
 * @category summaries
 * @since 0.1.0
 */
export const summarizeDir = async (
  dir: string,
  meta: { readonly title: string; readonly target: string },
  count = 15
): Promise<ProfileSummary> => {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"))
  if (files.length === 0) throw new Error("no .cpuprofile written in " + dir)
  const profile = JSON.parse(await readFile(Path.join(dir, files.sort().pop()!), "utf8")) as CpuProfile
  return summarize(profile, meta, count)
}
