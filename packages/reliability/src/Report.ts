/**
 * `RELIABILITY.md`: the figures of a full run, assembled from the sections the tests recorded, with the command
 * that produced them, the versions, the machine and the date.
 *
 * @since 0.1.0
 */
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import * as os from "node:os"
import { join } from "node:path"
import { count, type Section, type Totals } from "./Figures.js"

/**
 * The sections a complete run records; the report is written only when every one is there (each is recorded after
 * its test's assertions pass).
 *
 * @category report
 * @since 0.1.0
 */
export const expectedSections: ReadonlyArray<string> = [
  "soak",
  "throttling",
  "dead-endpoint",
  "token-expiry",
  "restart",
  "bad-requests",
  "bad-responses",
  "emulator-abuse",
  "sigv4",
  "secrets"
]

/**
 * The sections `expectedSections` names that are missing.
 *
 * @category report
 * @since 0.1.0
 */
export const missing = (sections: ReadonlyArray<Section>): ReadonlyArray<string> =>
  expectedSections.filter((id) => !sections.some((s) => s.id === id))

const numeric = [
  "requests",
  "faults",
  "jobsDelivered",
  "lost",
  "duplicates",
  "badInputs",
  "defects",
  "secretsLeaked"
] as const

/**
 * The totals of all sections.
 *
 * @category report
 * @since 0.1.0
 */
export const totalsOf = (sections: ReadonlyArray<Section>): Totals => {
  const sums: Record<string, number> = {}
  for (const key of numeric) sums[key] = 0
  const faultsByKind: Record<string, number> = {}
  const badInputsByClass: Record<string, number> = {}
  for (const section of sections) {
    const totals = section.totals ?? {}
    for (const key of numeric) sums[key]! += totals[key] ?? 0
    for (const [kind, n] of Object.entries(totals.faultsByKind ?? {}))
      faultsByKind[kind] = (faultsByKind[kind] ?? 0) + n
    for (const [kind, n] of Object.entries(totals.badInputsByClass ?? {})) {
      badInputsByClass[kind] = (badInputsByClass[kind] ?? 0) + n
    }
  }
  return { ...(sums as Omit<Totals, "faultsByKind" | "badInputsByClass">), faultsByKind, badInputsByClass }
}

/**
 * The facts of the run that the report prints.
 *
 * @category models
 * @since 0.1.0
 */
export interface RunInfo {
  readonly command: string
  readonly startedAt: Date
  readonly finishedAt: Date
  /** The repository root. */
  readonly root: string
}

const version = (root: string, pkg: string): string => {
  for (const dir of [join(root, "packages", "reliability", "node_modules", pkg), join(root, "node_modules", pkg)]) {
    const file = join(dir, "package.json")
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version
  }
  return "?"
}

const commit = (root: string): string => {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim()
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim() !== ""
    return dirty ? `${head} (with uncommitted changes)` : head
  } catch {
    return "unknown"
  }
}

const cell = (value: string | number): string =>
  String(typeof value === "number" ? count(value) : value).replaceAll("|", "\\|")

const table = (header: readonly [string, string], rows: ReadonlyArray<readonly [string, string | number]>) =>
  [`| ${header[0]} | ${header[1]} |`, "| --- | ---: |", ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)].join(
    "\n"
  )

/**
 * Renders the report.
 *
 * @category report
 * @since 0.1.0
 */
export const render = (sections: ReadonlyArray<Section>, run: RunInfo): string => {
  const totals = totalsOf(sections)
  const minutes = (run.finishedAt.getTime() - run.startedAt.getTime()) / 60_000
  const cpus = os.cpus()
  const headline: Array<readonly [string, string | number]> = [
    ["requests made", totals.requests],
    ["faults injected", totals.faults],
    ...Object.entries(totals.faultsByKind).map(([k, n]) => [`  of which ${k}`, n] as const),
    ["jobs delivered by streams", totals.jobsDelivered],
    ["lost", totals.lost],
    ["duplicates (outside the documented restart option)", totals.duplicates],
    ["bad inputs tried", totals.badInputs],
    ...Object.entries(totals.badInputsByClass).map(([k, n]) => [`  ${k}`, n] as const),
    ["defects", totals.defects],
    ["secrets leaked", totals.secretsLeaked],
    ...sections.flatMap((section) => section.headline ?? [])
  ]
  return [
    "# Reliability and security figures",
    "",
    "The figures of the last full run of `packages/reliability`: the client against the emulator under injected",
    "faults, generated bad input of every kind, and secrets checked in every log line, span and error. Every",
    "figure below comes from assertions that passed in that run; a run with a failing test writes no report.",
    "",
    "```sh",
    run.command,
    "```",
    "",
    `Run on ${run.startedAt.toISOString()} (${minutes.toFixed(1)} min), commit ${commit(run.root)}; Node ${process.version}`,
    `on ${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; effect ${version(run.root, "effect")}, @effect/platform ` +
      `${version(run.root, "@effect/platform")}, @effect/platform-node ${version(run.root, "@effect/platform-node")}, ` +
      `vitest ${version(run.root, "vitest")}.`,
    "",
    "## Totals",
    "",
    table(["", "count"], headline),
    "",
    ...sections.flatMap((section) => [
      `## ${section.title}`,
      "",
      section.claim,
      "",
      table(["", ""], section.rows),
      "",
      ...(section.notes === undefined || section.notes.length === 0
        ? []
        : [...section.notes.map((note) => `- ${note}`), ""])
    ]),
    "The quick profile of the same suite runs with `pnpm test` (smaller sizes, same checks); this file is written",
    "only by the full profile.",
    ""
  ].join("\n")
}
