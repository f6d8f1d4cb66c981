/**
 * The figures of a run. Each test records one section when its assertions have passed; the global teardown of a
 * full run assembles the sections into `RELIABILITY.md` (see `Report`). Sections travel as JSON files in a folder
 * that the global setup creates and names in `RELIABILITY_FIGURES_DIR`, since tests run in worker processes.
 *
 * @since 0.1.0
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * The headline counts a section contributes to (summed over the sections).
 *
 * @category models
 * @since 0.1.0
 */
export interface Totals {
  /** HTTP requests the clients made (or raw requests sent). */
  readonly requests: number
  /** Faults the emulator injected (throttling, internal errors, dropped connections). */
  readonly faults: number
  /** Items delivered by streams. */
  readonly jobsDelivered: number
  /** Items a stream should have delivered and did not. */
  readonly lost: number
  /** Items a stream delivered more often than it should have. */
  readonly duplicates: number
  /** Bad inputs tried (invalid requests, bad responses, abusive requests). */
  readonly badInputs: number
  /** Defects (untyped failures, unhandled rejections, prototype pollution) seen. */
  readonly defects: number
  /** Secret or sensitive values found where they must not be. */
  readonly secretsLeaked: number
  /** Faults by kind (`throttled`, `internal error`, `dropped connection`, `process killed`, ...). */
  readonly faultsByKind: Readonly<Record<string, number>>
  /** Bad inputs by class (`request: pattern`, `response: truncated`, `emulator: garbage body`, ...). */
  readonly badInputsByClass: Readonly<Record<string, number>>
}

/**
 * One section of the report.
 *
 * @category models
 * @since 0.1.0
 */
export interface Section {
  /** Stable id, also the file name. */
  readonly id: string
  /** Position in the report. */
  readonly order: number
  readonly title: string
  /** What was checked, in one or two sentences. */
  readonly claim: string
  /** Label and value, in order. */
  readonly rows: ReadonlyArray<readonly [string, string | number]>
  readonly totals?: Partial<Totals> | undefined
  /** Rows also shown with the totals at the top of the report. */
  readonly headline?: ReadonlyArray<readonly [string, string | number]> | undefined
  readonly notes?: ReadonlyArray<string> | undefined
}

/**
 * The environment variable naming the folder of the run's sections.
 *
 * @category constants
 * @since 0.1.0
 */
export const folderVariable = "RELIABILITY_FIGURES_DIR"

/**
 * Records a section of this run (nothing when no folder is set, as when a file is run on its own without the
 * project's global setup).
 *
 * @category recording
 * @since 0.1.0
 */
export const record = (section: Section): void => {
  const folder = process.env[folderVariable]
  if (folder === undefined || folder === "") return
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, `${section.id}.json`), JSON.stringify(section, null, 2))
}

/**
 * Marks this run as failed (a test failed): the report is then not written.
 *
 * @category recording
 * @since 0.1.0
 */
export const markFailed = (test: string): void => {
  const folder = process.env[folderVariable]
  if (folder === undefined || folder === "") return
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, `failed-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`), test)
}

/**
 * The tests that marked the run in `folder` as failed.
 *
 * @category recording
 * @since 0.1.0
 */
export const failures = (folder: string): ReadonlyArray<string> =>
  readdirSync(folder)
    .filter((name) => name.startsWith("failed-"))
    .map((name) => readFileSync(join(folder, name), "utf8"))

/**
 * Every section recorded in `folder`, in report order.
 *
 * @category recording
 * @since 0.1.0
 */
export const readAll = (folder: string): ReadonlyArray<Section> =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(join(folder, name), "utf8")) as Section)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))

/**
 * A number with thousands separators, for the report.
 *
 * @category formatting
 * @since 0.1.0
 */
export const count = (n: number): string => n.toLocaleString("en-US")
