import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { argv, control, Emulator, emulatorLayer, jobsOf, ndjson, spawn, tableRows, voiceid } from "./support.js"

const JOBS = 250
const requestId = /request id: [0-9a-f-]{36}/

interface JobSummary {
  readonly JobId: string
  readonly JobStatus: string
  readonly JobName: string
  readonly CreatedAt: string
}

it.layer(emulatorLayer, { timeout: 120_000 })("voiceid against an emulator process", (it) => {
  // One seeded domain shared by the read-only tests, with its jobs as the emulator holds them (oldest first): the
  // ground truth the command's output is checked against.
  const seeded = Effect.cached(
    Effect.gen(function* () {
      const { url } = yield* Emulator
      const seed = yield* control<{ domainId: string; statuses: Record<string, number> }>(url, "POST", "seed", {
        count: JOBS,
        domainName: "cli-test"
      })
      const jobs = yield* jobsOf(url, seed.domainId)
      return { ...seed, jobs, ids: jobs.map((job) => job.id) }
    })
  ).pipe(Effect.runSync)

  it.effect(
    "--help and shell completions",
    () =>
      Effect.gen(function* () {
        const { env } = yield* Emulator
        const [help, listHelp, completions] = yield* Effect.all(
          [
            voiceid(argv("--help"), env),
            voiceid(argv("enrollment-jobs list --help"), env),
            voiceid(argv("--completions bash"), env)
          ],
          { concurrency: "unbounded" }
        )
        expect(help.code).toBe(0)
        for (const name of [
          "enrollment-jobs",
          "fraudster-jobs",
          "domains",
          "speakers",
          "watchlists",
          "emulator start"
        ]) {
          expect(help.stdout).toContain(name)
        }
        expect(listHelp.code).toBe(0)
        for (const flag of ["--domain-id", "--status", "--max-items", "--page-size", "--starting-token", "--output"]) {
          expect(listHelp.stdout).toContain(flag)
        }
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
        const truth = yield* seeded
        const list = (format: string, filter: string, endpointFirst: boolean) =>
          voiceid(
            argv(
              endpointFirst
                ? `--endpoint ${url} enrollment-jobs list --domain-id ${truth.domainId} --page-size 40 -o ${format} ${filter}`
                : `enrollment-jobs list --domain-id ${truth.domainId} --page-size 40 --output ${format} ${filter} --endpoint ${url}`
            ),
            env
          )
        const runs = yield* Effect.all(
          [
            list("table", "", true),
            list("json", "", false),
            list("ndjson", "", true),
            list("table", "--status FAILED", false),
            list("json", "--status FAILED", true),
            list("ndjson", "--status FAILED", false)
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

        // Seven pages of 40, in creation order, in every format.
        const all = ndjson(lines) as unknown as Array<JobSummary>
        expect(all.map((job) => job.JobId)).toEqual(truth.ids)
        expect(all.map((job) => job.JobStatus)).toEqual(truth.jobs.map((job) => job.status))
        expect(tableRows(table).map((row) => [row[0], row[1]])).toEqual(all.map((job) => [job.JobId, job.JobStatus]))
        const parsed = JSON.parse(json) as { JobSummaries: Array<JobSummary>; NextToken?: string }
        expect(parsed).toEqual({ JobSummaries: all })
        for (const [status, count] of Object.entries(truth.statuses)) {
          expect(all.filter((job) => job.JobStatus === status).length, status).toBe(count)
        }

        const failed = all.filter((job) => job.JobStatus === "FAILED")
        expect(failed.length).toBe(truth.statuses.FAILED)
        expect(tableRows(failedTable).map((row) => row[0])).toEqual(failed.map((job) => job.JobId))
        expect((JSON.parse(failedJson) as { JobSummaries: Array<JobSummary> }).JobSummaries).toEqual(failed)
        expect(ndjson(failedLines)).toEqual(failed)
      }),
    60_000
  )

  it.effect(
    "--max-items stops with a NextToken and --starting-token resumes right after it",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const truth = yield* seeded
        // The endpoint from the environment this time.
        const withEndpoint = { ...env, AWS_ENDPOINT_URL_VOICE_ID: url }
        const list = `enrollment-jobs list --domain-id ${truth.domainId} --page-size 40`
        const [first, firstLines] = yield* Effect.all(
          [
            voiceid(argv(`${list} --max-items 95 -o json`), withEndpoint),
            voiceid(argv(`${list} --max-items 95 -o ndjson`), withEndpoint)
          ],
          { concurrency: "unbounded" }
        )
        const head = JSON.parse(first.stdout) as { JobSummaries: Array<{ JobId: string }>; NextToken: string }
        expect(head.JobSummaries.map((job) => job.JobId)).toEqual(truth.ids.slice(0, 95))
        expect(head.NextToken).toEqual(expect.any(String))
        // In ndjson, stdout holds only items; the token goes to stderr.
        expect(ndjson(firstLines.stdout).map((job) => job.JobId)).toEqual(truth.ids.slice(0, 95))
        expect(firstLines.stderr).toMatch(/^NextToken: \S+\n$/)

        const rest = yield* voiceid(argv(`${list} --starting-token ${head.NextToken} -o ndjson`), withEndpoint)
        expect(rest.code).toBe(0)
        expect(ndjson(rest.stdout).map((job) => job.JobId)).toEqual(truth.ids.slice(95))
      }),
    60_000
  )

  it.effect(
    "describe prints the job",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const { domainId, jobs } = yield* seeded
        const job = jobs.find((j) => j.status === "COMPLETED")!
        const described = yield* voiceid(
          argv(`enrollment-jobs describe --domain-id ${domainId} --job-id ${job.id} --endpoint ${url}`),
          env
        )
        expect(described.code).toBe(0)
        const { Job } = JSON.parse(described.stdout) as { Job: Record<string, unknown> }
        expect(Job).toMatchObject({
          JobId: job.id,
          DomainId: domainId,
          JobStatus: "COMPLETED",
          JobName: job.name,
          CreatedAt: new Date(job.createdAt).toISOString(),
          JobProgress: { PercentComplete: 100 }
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
        const { domainId } = yield* control<{ domainId: string }>(url, "POST", "seed", { count: 0 })
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
            argv(
              `enrollment-jobs start --domain-id ${domainId} --input-s3-uri ${manifest} --output-s3-uri s3://cli-output/ ` +
                "--data-access-role-arn arn:aws:iam::000000000000:role/cli-test --job-name cli-test " +
                `--wait --poll-interval 0.1 --endpoint ${url}`
            ),
            env
          )

        const completed = yield* start("s3://cli-input/manifest.json")
        expect(completed.code, completed.stderr).toBe(0)
        const job = (JSON.parse(completed.stdout) as { Job: { JobId: string; JobStatus: string } }).Job
        expect(job).toMatchObject({
          JobStatus: "COMPLETED",
          JobName: "cli-test",
          JobProgress: { PercentComplete: 100 }
        })
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

        // What the emulator holds agrees.
        const held = yield* jobsOf(url, domainId)
        expect(held.map((j) => [j.id, j.status])).toEqual([
          [job.JobId, "COMPLETED"],
          [failedJob.JobId, "FAILED"]
        ])
      }),
    60_000
  )

  it.effect(
    "domains: create, list, delete; describing the deleted domain is a typed error (exit 1)",
    () =>
      Effect.gen(function* () {
        const { url, env } = yield* Emulator
        const created = yield* voiceid(
          argv(`domains create --name cli-domain --kms-key-id alias/cli --tag team=voice --endpoint ${url}`),
          env
        )
        expect(created.code, created.stderr).toBe(0)
        const domain = (JSON.parse(created.stdout) as { Domain: { DomainId: string } }).Domain
        expect(domain).toMatchObject({ Name: "cli-domain", DomainStatus: "ACTIVE" })

        const listed = yield* voiceid(argv(`domains list -o ndjson --endpoint ${url}`), env)
        expect(ndjson(listed.stdout).find((d) => d.DomainId === domain.DomainId)).toMatchObject({ Name: "cli-domain" })

        const deleted = yield* voiceid(argv(`domains delete --domain-id ${domain.DomainId} --endpoint ${url}`), env)
        expect(deleted).toEqual({ code: 0, stdout: "", stderr: "" })

        const described = yield* voiceid(argv(`domains describe --domain-id ${domain.DomainId} --endpoint ${url}`), env)
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
        const noKeys = { PATH: env.PATH!, HOME: home, CI: "true", AWS_REGION: "us-east-1" }
        const [missingFlag, badPageSize, invalidRequest, bareGroup, noCredentials, wrongSecret, refused] =
          yield* Effect.all(
            [
              voiceid(argv(`enrollment-jobs list --endpoint ${url}`), env),
              voiceid(argv(`enrollment-jobs list --domain-id x --page-size 0 --endpoint ${url}`), env),
              voiceid(argv(`domains describe --domain-id not-a-domain-id --endpoint ${url}`), env),
              voiceid(argv("speakers"), env),
              voiceid(argv(`domains list --endpoint ${url}`), noKeys),
              voiceid(argv(`domains list --endpoint ${url}`), { ...env, AWS_SECRET_ACCESS_KEY: "not-the-secret" }),
              voiceid(argv("domains list --endpoint http://127.0.0.1:9 --max-attempts 1"), env)
            ],
            { concurrency: "unbounded" }
          )
        expect(missingFlag.code).toBe(2)
        expect(missingFlag.stderr).toContain("--domain-id")
        expect(badPageSize.code).toBe(2)
        expect(invalidRequest.code).toBe(2)
        expect(invalidRequest.stderr).toMatch(
          /^RequestValidationError: invalid DescribeDomain request \(nothing was sent\)\n {2}DomainId: /
        )
        expect(bareGroup.code).toBe(2)
        expect(bareGroup.stderr).toContain("list, describe, delete, opt-out")

        expect(noCredentials.code).toBe(3)
        expect(noCredentials.stderr).toMatch(/^CredentialsError: /)
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
        const { domainId, ids } = yield* seeded
        const list = argv(`enrollment-jobs list --domain-id ${domainId} --page-size 25 -o ndjson --endpoint ${url}`)
        const pages = ids.length / 25

        const listRequests = Effect.map(
          control<{ stats: Record<string, { requests: number }> }>(url, "GET", "faults"),
          (answer) => answer.stats.ListSpeakerEnrollmentJobs?.requests ?? 0
        )
        // Every list page takes 700 ms: the ten pages would take seven seconds.
        yield* control(url, "PUT", "faults", { operations: { ListSpeakerEnrollmentJobs: { latencyMs: 700 } } })
        yield* Effect.addFinalizer(() => Effect.ignore(control(url, "PUT", "faults", {})))
        const before = yield* listRequests

        const listing = yield* spawn(list, env)
        const firstOutput = yield* listing.firstLine
        const requested = (yield* listRequests) - before
        // An item was printed while pages were still to be requested.
        expect(ndjson(firstOutput.slice(0, firstOutput.indexOf("\n") + 1))[0]?.JobId).toBe(ids[0])
        expect(requested).toBeLessThan(pages)

        yield* listing.kill("SIGINT")
        const interrupted = yield* listing.result
        expect(interrupted.code).toBe(130)
        // Whole pages only: the first ones.
        const printed = ndjson(interrupted.stdout).map((job) => job.JobId)
        expect(printed.length % 25).toBe(0)
        expect(printed.length).toBeLessThan(ids.length)
        expect(printed).toEqual(ids.slice(0, printed.length))
        const token = /Resume with: --starting-token (\S+)/.exec(interrupted.stderr)?.[1]
        expect(token, interrupted.stderr).toBeDefined()

        yield* control(url, "PUT", "faults", {})
        const resumed = yield* voiceid([...list, "--starting-token", token!], env)
        expect(resumed.code).toBe(0)
        expect([...printed, ...ndjson(resumed.stdout).map((job) => job.JobId)]).toEqual(ids)
      }),
    60_000
  )
})
