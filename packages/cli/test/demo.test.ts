import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { baseEnv, control, Emulator, emulatorLayer, voiceid } from "./support.js"

const statuses = ["SUBMITTED", "IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"]

/** The numbers of the text summary. */
const parseSummary = (stdout: string) => {
  const rows = new Map<string, { seeded: number; listed: number; note: string }>()
  for (const line of stdout.split("\n")) {
    const match = /^(\w+)\s+([\d,]+)\s+([\d,]+)\s*(.*)$/.exec(line)
    if (match !== null) {
      rows.set(match[1]!, {
        seeded: Number(match[2]!.replaceAll(",", "")),
        listed: Number(match[3]!.replaceAll(",", "")),
        note: match[4]!
      })
    }
  }
  const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(stdout)?.[1]
  return {
    rows,
    pages: field("Pages"),
    retries: field("Retries absorbed"),
    elapsed: field("Elapsed"),
    job: field("Enrollment job")
  }
}

it.layer(NodeContext.layer)("the main job (voiceid demo, the package's demo script)", (it) => {
  it.effect(
    "with an embedded emulator, CI=true and no terminal: every seeded job and the real one are listed once",
    () =>
      Effect.gen(function* () {
        const home = mkdtempSync(join(tmpdir(), "voiceid-demo-home-"))
        const result = yield* voiceid(["demo"], baseEnv(home)).pipe(
          Effect.ensuring(Effect.sync(() => rmSync(home, { recursive: true, force: true })))
        )
        expect(result.code, result.stderr).toBe(0)
        const summary = parseSummary(result.stdout)

        // The real enrollment job ran to its end from the generated manifest.
        const [jobId, jobStatus] = (summary.job ?? "").split(" ")
        expect(jobId).toMatch(/^[a-zA-Z0-9]{22}$/)
        expect(jobStatus).toBe("COMPLETED")

        // Per status: what was seeded, plus the real job, is what the listing found.
        let seeded = 0
        for (const status of statuses) {
          const row = summary.rows.get(status)
          expect(row, status).toBeDefined()
          expect(row!.seeded, status).toBeGreaterThan(0)
          expect(row!.listed, status).toBe(row!.seeded + (status === jobStatus ? 1 : 0))
          seeded += row!.seeded
        }
        expect(seeded).toBe(3000)
        expect(summary.rows.get("Total")).toMatchObject({ seeded, listed: seeded + 1 })

        // Lazily, 100 per page; every throttled request was retried by the client, which counted it.
        expect(summary.pages).toBe(`${Math.ceil(3001 / 100)} (100 jobs per page)`)
        const retries = /^(\d+) \(the emulator throttled (\d+) of (\d+) list requests\)$/.exec(summary.retries ?? "")
        expect(retries, summary.retries).not.toBeNull()
        expect(Number(retries![1])).toBeGreaterThan(0)
        expect(retries![1]).toBe(retries![2])
        expect(Number(retries![3])).toBe(31 + Number(retries![2]))
        expect(summary.elapsed).toMatch(/^\d+\.\d s$/)
        expect(result.stdout).toContain("Every job was listed exactly once.")

        // Not a terminal: plain progress lines on stderr, no carriage returns.
        expect(result.stderr).not.toContain("\r")
        expect(result.stderr).toMatch(new RegExp(`job ${jobId}: COMPLETED 100%`))
        expect(result.stderr).toMatch(/page 31: 3001 jobs listed/)
      }),
    90_000
  )
})

it.layer(emulatorLayer, { timeout: 60_000 })("the main job against another endpoint", (it) => {
  it.effect(
    "--endpoint with credentials from the environment: the same tour, checked against the emulator's own state",
    () =>
      Effect.gen(function* () {
        const { url, env, dataDir } = yield* Emulator
        // An existing, empty domain (--domain-id): the demo leaves it in place, so its jobs can be counted.
        const { domainId } = yield* control<{ domainId: string }>(url, "POST", "seed", { count: 0 })
        const result = yield* voiceid(
          ["demo", "--endpoint", url, "--data-dir", dataDir, "--domain-id", domainId, "--jobs", "600", "-o", "json"],
          env
        )
        expect(result.code, result.stderr).toBe(0)
        const summary = JSON.parse(result.stdout) as {
          embedded: boolean
          domainId: string
          enrollmentJob: { JobId: string; JobStatus: string }
          seeded: Record<string, number>
          listed: Record<string, number>
          total: number
          pages: number
          retries: number
          faults: { requests: number; throttled: number }
        }
        expect(summary).toMatchObject({ embedded: false, domainId, total: 601, pages: 7 })
        expect(summary.enrollmentJob.JobStatus).toBe("COMPLETED")
        expect(summary.retries).toBe(summary.faults.throttled)

        // What the emulator holds, read from its state rather than through the client.
        type State = {
          regions: Array<{ domains: Array<{ id: string; speakerJobs: Array<{ id: string; status: string }> }> }>
        }
        const state = yield* control<State>(url, "GET", "state")
        const domain = state.regions.flatMap((r) => r.domains).find((d) => d.id === domainId)!
        const held: Record<string, number> = {}
        for (const job of domain.speakerJobs) held[job.status] = (held[job.status] ?? 0) + 1
        expect(summary.listed).toEqual(held)
        expect(domain.speakerJobs.map((job) => job.id)).toContain(summary.enrollmentJob.JobId)
        for (const status of statuses) {
          expect(held[status], status).toBe((summary.seeded[status] ?? 0) + (status === "COMPLETED" ? 1 : 0))
        }

        // The demo put the emulator's faults back as they were.
        const faults = yield* control<{ config: unknown }>(url, "GET", "faults")
        expect(faults.config).toEqual({})
      }),
    60_000
  )
})
