/**
 * The host's check of a scenario report: every number exact, and the throttling seen from both ends (the pages'
 * `$metadata.attempts` and the emulator's own count) agreeing.
 */
import { expect } from "@effect/vitest"
import type { ScenarioReport } from "./Scenario.js"

/** Parses a runtime's output (`{ report }` or `{ error }`), checks the report and that it ran on `runtime`. */
export const expectScenarioOutput = (output: string, runtime: RegExp): ScenarioReport => {
  const lines = output.trim().split("\n")
  const parsed = JSON.parse(lines[lines.length - 1] ?? "") as { report?: ScenarioReport; error?: string }
  expect(parsed.error, "the scenario failed on the runtime").toBeUndefined()
  expect(parsed.report?.runtime).toMatch(runtime)
  return expectScenarioReport(parsed.report!)
}

/** Checks a report exactly. */
export const expectScenarioReport = (report: ScenarioReport): ScenarioReport => {
  expect(report.seeded).toEqual({ total: 45, completed: 27 })
  expect(report.all).toEqual({ items: 45, distinct: 45, pages: 5 })
  expect(report.completed).toEqual({ items: 27, pages: 3, onlyCompleted: true })
  expect(report.notFound).toEqual({ tag: "ResourceNotFoundException", status: 404, requestId: true })
  const throttled = report.throttled
  expect({ items: throttled.items, pages: throttled.pages }).toEqual({ items: 45, pages: 5 })
  // Some requests were throttled, and each one cost exactly one more attempt.
  expect(throttled.throttledByEmulator).toBeGreaterThan(0)
  expect(throttled.attempts).toBe(throttled.pages + throttled.throttledByEmulator)
  expect(throttled.requestsSeenByEmulator).toBe(throttled.attempts)
  expect(report.interrupted).toEqual({ interrupted: true, finalizerRan: true, requestArrived: true })
  return report
}
