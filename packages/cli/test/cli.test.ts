import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { control, Emulator, emulatorLayer, ndjson, spawn, tableRows, voiceid } from "./support.js"

interface SeedAnswer {
  readonly domainId: string
  readonly statuses: Readonly<Record<string, number>>
}

const JOBS = 250
const requestId = /request id: [0-9a-f-]{36}/

it.layer(emulatorLayer, { timeout: 120_000 })("voiceid against an emulator process", (it) => {
  // One seeded domain shared by the read-only tests.
  const seeded = Effect.cached(
    Effect.flatMap(Emulator, ({ url }) =>
      control<SeedAnswer>(url, "POST", "seed", { count: JOBS, domainName: "cli-test" })
    )
  ).pipe(Effect.runSync)

  it.effect(
    "--help, --version and shell completions",
    () =>
      Effect.gen(function* () {
        const { env } = yield* Emulator
        const [help, listHelp, version, completions] = yield* Effect.all(
          [
            voiceid(["--help"], env),
            voiceid(["enrollment-jobs", "list", "--help"], env),
            voiceid(["--version"], env),
            voiceid(["--completions", "bash"], env)
          ],
          { concurrency: "unbounded" }
        )
        expect(help.code).toBe(0)
        for (const name of [
          "enrollment-jobs",
          "fraudster-jobs",
          "domains",
          "speakers",
          "fraudsters",
          "watchlists",
          "emulator start",
          "demo"
        ]) {
          expect(help.stdout).toContain(name)
        }
        expect(listHelp.code).toBe(0)
        for (const flag of [
          "--domain-id",
          "--status",
          "--max-items",
          "--page-size",
          "--starting-token",
          "--output",
          "--endpoint"
        ]) {
          expect(listHelp.stdout).toContain(flag)
        }
        expect(version.stdout.trim()).toBe("0.1.0")
        expect(completions.code).toBe(0)
        expect(completions.stdout).toContain("complete")
        expect(completions.stdout).toContain("enrollment-jobs")
      }),
    60_000
  )

  it.effect(
    "lists every job across pages in each output format, with and without --status",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const { domainId, statuses } = yield* seeded
        const list = (format: string, status: ReadonlyArray<string>, endpointFirst: boolean) =>
          voiceid(
            endpointFirst
              ? [
                  "--endpoint",
                  url,
                  "enrollment-jobs",
                  "list",
                  "--domain-id",
                  domainId,
                  "--page-size",
                  "40",
                  "-o",
                  format,
                  ...status
                ]
              : [
                  "enrollment-jobs",
                  "list",
                  "--domain-id",
                  domainId,
                  "--page-size",
                  "40",
                  "--output",
                  format,
                  ...status,
                  "--endpoint",
                  url
                ],
            env
          )
        const runs = yield* Effect.all(
          [
            list("table", [], true),
            list("json", [], false),
            list("ndjson", [], true),
            list("table", ["--status", "FAILED"], false),
            list("json", ["--status", "FAILED"], true),
            list("ndjson", ["--status", "FAILED"], false)
          ],
          { concurrency: "unbounded" }
        )
        for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stderr: "" })
        const [table, json, lines, failedTable, failedJson, failedLines] = runs.map((r) => r.stdout) as [
          string,
          string,
          string,
          string,
          string,
          string
        ]

        const all = ndjson(lines)
        expect(all).toHaveLength(JOBS)
        const ids = all.map((job) => job.JobId)
        expect(new Set(ids).size).toBe(JOBS)
        // Pages of 40: seven requests, in creation order; the table and the JSON list the same jobs in the same order.
        expect(tableRows(table).map((row) => row[0])).toEqual(ids)
        const parsed = JSON.parse(json) as { JobSummaries: Array<{ JobId: string }>; NextToken?: string }
        expect(parsed.JobSummaries.map((job) => job.JobId)).toEqual(ids)
        expect(parsed.NextToken).toBeUndefined()
        const byStatus = (status: string) => all.filter((job) => job.JobStatus === status).length
        for (const [status, count] of Object.entries(statuses)) expect(byStatus(status), status).toBe(count)

        const failed = all.filter((job) => job.JobStatus === "FAILED").map((job) => job.JobId)
        expect(failed.length).toBe(statuses.FAILED)
        expect(tableRows(failedTable).map((row) => [row[0], row[1]])).toEqual(failed.map((id) => [id, "FAILED"]))
        expect(
          (JSON.parse(failedJson) as { JobSummaries: Array<{ JobId: string }> }).JobSummaries.map((j) => j.JobId)
        ).toEqual(failed)
        expect(ndjson(failedLines).map((job) => job.JobId)).toEqual(failed)
      }),
    60_000
  )

  it.effect(
    "--max-items stops with a NextToken and --starting-token resumes right after it",
    () =>
      Effect.gen(function* () {
        const { env } = yield* Emulator
        const { domainId } = yield* seeded
        const withEndpoint = { ...env, AWS_ENDPOINT_URL_VOICE_ID: (yield* Emulator).url }
        const args = ["enrollment-jobs", "list", "--domain-id", domainId, "--page-size", "40"]
        const [full, first, firstLines] = yield* Effect.all(
          [
            voiceid([...args, "-o", "ndjson"], withEndpoint),
            voiceid([...args, "--max-items", "95", "-o", "json"], withEndpoint),
            voiceid([...args, "--max-items", "95", "-o", "ndjson"], withEndpoint)
          ],
          { concurrency: "unbounded" }
        )
        const ids = ndjson(full.stdout).map((job) => job.JobId)
        const head = JSON.parse(first.stdout) as { JobSummaries: Array<{ JobId: string }>; NextToken: string }
        expect(head.JobSummaries.map((job) => job.JobId)).toEqual(ids.slice(0, 95))
        expect(head.NextToken).toEqual(expect.any(String))
        // In ndjson, stdout has only items; the token goes to stderr.
        expect(ndjson(firstLines.stdout)).toHaveLength(95)
        expect(firstLines.stderr.trim()).toMatch(/^NextToken: \S+$/)

        const rest = yield* voiceid([...args, "--starting-token", head.NextToken, "-o", "ndjson"], withEndpoint)
        expect(rest.code).toBe(0)
        expect(ndjson(rest.stdout).map((job) => job.JobId)).toEqual(ids.slice(95))
      }),
    60_000
  )

  it.effect(
    "describe prints the job",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const { domainId } = yield* seeded
        const first = yield* voiceid(
          [
            "enrollment-jobs",
            "list",
            "--domain-id",
            domainId,
            "--status",
            "COMPLETED",
            "--max-items",
            "1",
            "-o",
            "ndjson",
            "--endpoint",
            url
          ],
          env
        )
        const summary = ndjson(first.stdout)[0]!
        const described = yield* voiceid(
          [
            "enrollment-jobs",
            "describe",
            "--domain-id",
            domainId,
            "--job-id",
            String(summary.JobId),
            "--endpoint",
            url
          ],
          env
        )
        expect(described.code).toBe(0)
        const { Job } = JSON.parse(described.stdout) as { Job: Record<string, unknown> }
        expect(Job).toMatchObject({
          JobId: summary.JobId,
          DomainId: domainId,
          JobStatus: "COMPLETED",
          JobName: summary.JobName,
          CreatedAt: summary.CreatedAt
        })
        expect(Job.InputDataConfig).toEqual({ S3Uri: expect.stringMatching(/^s3:\/\//) })
      }),
    60_000
  )

  it.effect(
    "start --wait follows a job to COMPLETED (exit 0) and to FAILED (exit 4)",
    () =>
      Effect.gen(function* () {
        const { url, env, dataDir } = yield* Emulator
        // A domain of its own: the jobs started here must not change what the listing tests count.
        const { domainId } = yield* control<SeedAnswer>(url, "POST", "seed", { count: 0, domainName: "cli-start" })
        mkdirSync(join(dataDir, "cli-input", "audio"), { recursive: true })
        const requests = ["ana", "ben", "cai"].map((speaker, i) => {
          writeFileSync(join(dataDir, "cli-input", "audio", `${speaker}.wav`), `the voice of ${speaker}`)
          return {
            RequestId: `r${i}`,
            SpeakerId: speaker,
            AudioSpecifications: [{ S3Uri: `s3://cli-input/audio/${speaker}.wav`, ChannelId: 0 }]
          }
        })
        writeFileSync(
          join(dataDir, "cli-input", "manifest.json"),
          JSON.stringify({ Version: "1.0", SpeakerEnrollmentRequests: requests })
        )
        const start = (manifest: string) =>
          voiceid(
            [
              "enrollment-jobs",
              "start",
              "--domain-id",
              domainId,
              "--input-s3-uri",
              manifest,
              "--output-s3-uri",
              "s3://cli-output/",
              "--data-access-role-arn",
              "arn:aws:iam::000000000000:role/cli-test",
              "--job-name",
              "cli-test",
              "--wait",
              "--poll-interval",
              "0.1",
              "--endpoint",
              url
            ],
            env
          )

        const completed = yield* start("s3://cli-input/manifest.json")
        expect(completed.code, completed.stderr).toBe(0)
        const job = (
          JSON.parse(completed.stdout) as { Job: { JobId: string; JobStatus: string; JobProgress: unknown } }
        ).Job
        expect(job).toMatchObject({ JobStatus: "COMPLETED", JobProgress: { PercentComplete: 100 } })
        // Not a terminal: a plain line per change, ending with the terminal status.
        const progress = completed.stderr.trim().split("\n")
        expect(progress[0]).toMatch(new RegExp(`^job ${job.JobId}: (SUBMITTED|IN_PROGRESS) \\d+%$`))
        expect(progress.at(-1)).toBe(`job ${job.JobId}: COMPLETED 100%`)
        expect(completed.stderr).not.toContain("\r")

        const failed = yield* start("s3://cli-input/missing.json")
        expect(failed.code).toBe(4)
        const failedJob = (JSON.parse(failed.stdout) as { Job: { JobId: string; JobStatus: string } }).Job
        expect(failedJob.JobStatus).toBe("FAILED")
        expect(failed.stderr).toContain(`job ${failedJob.JobId}: FAILED`)
        expect(failed.stderr).toContain(`JobFailedError: job ${failedJob.JobId} ended FAILED`)
        expect(failed.stderr).toMatch(/reason: The input manifest file could not be read/)
      }),
    60_000
  )

  it.effect(
    "domains: create, list, delete; describing the deleted domain is a typed error (exit 1)",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const endpoint = ["--endpoint", url]
        const created = yield* voiceid(
          [
            "domains",
            "create",
            "--name",
            "cli-domain",
            "--kms-key-id",
            "alias/cli",
            "--tag",
            "team=voice",
            ...endpoint
          ],
          env
        )
        expect(created.code, created.stderr).toBe(0)
        const domain = (
          JSON.parse(created.stdout) as { Domain: { DomainId: string; Name: string; DomainStatus: string } }
        ).Domain
        expect(domain).toMatchObject({ Name: "cli-domain", DomainStatus: "ACTIVE" })

        const listed = yield* voiceid(["domains", "list", "-o", "ndjson", ...endpoint], env)
        expect(ndjson(listed.stdout).map((d) => d.DomainId)).toContain(domain.DomainId)

        const deleted = yield* voiceid(["domains", "delete", "--domain-id", domain.DomainId, ...endpoint], env)
        expect(deleted).toMatchObject({ code: 0, stdout: "", stderr: "" })

        const [relisted, described] = yield* Effect.all(
          [
            voiceid(["domains", "list", "-o", "ndjson", ...endpoint], env),
            voiceid(["domains", "describe", "--domain-id", domain.DomainId, ...endpoint], env)
          ],
          { concurrency: "unbounded" }
        )
        expect(ndjson(relisted.stdout).map((d) => d.DomainId)).not.toContain(domain.DomainId)
        expect(described.code).toBe(1)
        expect(described.stdout).toBe("")
        const [first, second] = described.stderr.trim().split("\n")
        expect(first).toMatch(/^ResourceNotFoundException: .*\(DOMAIN\)$/)
        expect(second).toMatch(requestId)
        expect(second).toContain("HTTP 404")
      }),
    60_000
  )

  it.effect(
    "usage errors exit 2; credentials, signature and transport errors exit 3",
    () =>
      Effect.gen(function* () {
        const { url, env, home } = yield* Emulator
        const endpoint = ["--endpoint", url]
        const noCredentials = { PATH: env.PATH!, HOME: home, CI: "true", AWS_REGION: "us-east-1" }
        const [missingFlag, badChoice, badPageSize, invalidRequest, bareGroup, noKeys, wrongSecret, refused] =
          yield* Effect.all(
            [
              voiceid(["enrollment-jobs", "list", ...endpoint], env),
              voiceid(["enrollment-jobs", "list", "--domain-id", "x", "--output", "xml", ...endpoint], env),
              voiceid(["enrollment-jobs", "list", "--domain-id", "x", "--page-size", "0", ...endpoint], env),
              voiceid(["domains", "describe", "--domain-id", "not-a-domain-id", ...endpoint], env),
              voiceid(["speakers"], env),
              voiceid(["domains", "list", ...endpoint], noCredentials),
              voiceid(["domains", "list", ...endpoint], { ...env, AWS_SECRET_ACCESS_KEY: "not-the-secret" }),
              voiceid(["domains", "list", "--endpoint", "http://127.0.0.1:9", "--max-attempts", "1"], env)
            ],
            { concurrency: "unbounded" }
          )
        expect(missingFlag.code).toBe(2)
        expect(missingFlag.stderr).toContain("--domain-id")
        expect(badChoice.code).toBe(2)
        expect(badPageSize.code).toBe(2)
        expect(invalidRequest.code).toBe(2)
        expect(invalidRequest.stderr).toMatch(
          /^RequestValidationError: invalid DescribeDomain request \(nothing was sent\)\n {2}DomainId: /
        )
        expect(bareGroup.code).toBe(2)
        expect(bareGroup.stderr).toContain("list, describe, delete, opt-out")

        expect(noKeys.code).toBe(3)
        expect(noKeys.stderr).toMatch(/^CredentialsError: /)
        expect(wrongSecret.code).toBe(3)
        expect(wrongSecret.stderr).toMatch(/^InvalidSignatureException: /)
        expect(wrongSecret.stderr).toMatch(requestId)
        expect(wrongSecret.stderr).not.toContain("not-the-secret")
        expect(refused.code).toBe(3)
        expect(refused.stderr).toMatch(/^TransportError: /)
      }),
    60_000
  )

  it.scoped(
    "ndjson streams: the first line comes before the last page; SIGINT prints the token to resume (exit 130)",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const { domainId } = yield* seeded
        const args = [
          "enrollment-jobs",
          "list",
          "--domain-id",
          domainId,
          "--page-size",
          "25",
          "-o",
          "ndjson",
          "--endpoint",
          url
        ]
        const full = ndjson((yield* voiceid(args, env)).stdout).map((job) => job.JobId)
        expect(full).toHaveLength(JOBS)

        type Stats = { stats: Record<string, { requests: number }> }
        const requests = Effect.map(
          control<Stats>(url, "GET", "faults"),
          (answer) => answer.stats.ListSpeakerEnrollmentJobs?.requests ?? 0
        )
        // Every list page takes 700 ms: ten pages would take seven seconds.
        yield* control(url, "PUT", "faults", { operations: { ListSpeakerEnrollmentJobs: { latencyMs: 700 } } })
        yield* Effect.addFinalizer(() => Effect.ignore(control(url, "PUT", "faults", {})))
        const before = yield* requests

        const listing = yield* spawn(args, env)
        const firstOutput = yield* listing.firstLine
        const sent = (yield* requests) - before
        // Items were printed while pages were still to be requested.
        expect(ndjson(firstOutput.slice(0, firstOutput.indexOf("\n") + 1))).toHaveLength(1)
        expect(sent).toBeLessThan(full.length / 25)

        yield* listing.kill("SIGINT")
        const interrupted = yield* listing.result
        expect(interrupted.code).toBe(130)
        const printed = ndjson(interrupted.stdout).map((job) => job.JobId)
        // Whole pages only, and exactly the first ones.
        expect(printed.length % 25).toBe(0)
        expect(printed).toEqual(full.slice(0, printed.length))
        const token = /Resume with: --starting-token (\S+)/.exec(interrupted.stderr)?.[1]
        expect(token, interrupted.stderr).toBeDefined()

        yield* control(url, "PUT", "faults", {})
        const resumed = yield* voiceid([...args, "--starting-token", token!], env)
        expect(resumed.code).toBe(0)
        expect([...printed, ...ndjson(resumed.stdout).map((job) => job.JobId)]).toEqual(full)
      }),
    60_000
  )
})
