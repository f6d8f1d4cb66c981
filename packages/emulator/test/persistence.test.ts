import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { enrollmentManifest, pollUntil, roleArn, signedRequest } from "./support.js"

const bin = fileURLToPath(new URL("../bin/voiceid-emulator.js", import.meta.url))

/** Starts the bin in a child process; resolves with its URL once it listens. */
const startChild = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.async<{ readonly child: ChildProcess; readonly url: string }, Error>((resume) => {
      const child = spawn(process.execPath, [bin, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] })
      let out = ""
      let err = ""
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on (http:\/\/\S+)/.exec(out)
        if (match !== null) resume(Effect.succeed({ child, url: match[1]! }))
      })
      child.stderr!.on("data", (chunk: Buffer) => {
        err += chunk.toString()
      })
      child.on("exit", (code) => resume(Effect.fail(new Error(`the emulator exited (${code}): ${err}`))))
    }),
    ({ child }) => Effect.sync(() => child.exitCode === null && child.kill("SIGKILL"))
  )

const endpoint = (url: string) => ({
  url,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: Redacted.make("test") }
})

describe("persistence", () => {
  it.scopedLive(
    "loses no acknowledged write when the process is killed, and resumes jobs on restart",
    () =>
      Effect.gen(function* () {
        const folder = mkdtempSync(join(tmpdir(), "voiceid-persist-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(folder, { recursive: true, force: true })))
        const args = ["--state", join(folder, "state.json"), "--data-dir", join(folder, "s3"), "--job-rate", "20"]
        enrollmentManifest(
          join(folder, "s3"),
          "s3://manifests/m.json",
          Array.from({ length: 40 }, (_, i) => ({
            requestId: `${i}`,
            speakerId: `p${i}`,
            audio: `s3://audio/${i}.wav`
          }))
        )

        const written = yield* Effect.scoped(
          Effect.gen(function* () {
            const { child, url } = yield* startChild(args)
            const emulator = endpoint(url)
            const domain = (yield* signedRequest(
              emulator,
              "VoiceID.CreateDomain",
              JSON.stringify({
                Name: "durable",
                ServerSideEncryptionConfiguration: { KmsKeyId: "k" },
                Tags: [{ Key: "a", Value: "b" }]
              })
            )).json!.Domain as { DomainId: string; Arn: string }
            const speakers = yield* Effect.forEach(
              Array.from({ length: 25 }, (_, i) => `kept-${i}`),
              (id) =>
                Effect.map(
                  signedRequest(
                    emulator,
                    "VoiceID.OptOutSpeaker",
                    JSON.stringify({ DomainId: domain.DomainId, SpeakerId: id })
                  ),
                  (a) => (a.status === 200 ? id : undefined)
                ),
              { concurrency: 25 }
            )
            const job = (yield* signedRequest(
              emulator,
              "VoiceID.StartSpeakerEnrollmentJob",
              JSON.stringify({
                DomainId: domain.DomainId,
                DataAccessRoleArn: roleArn,
                InputDataConfig: { S3Uri: "s3://manifests/m.json" },
                OutputDataConfig: { S3Uri: "s3://results" }
              })
            )).json!.Job as { JobId: string }
            // Killed without warning, right after the last acknowledged write.
            child.kill("SIGKILL")
            return { domain, speakers: speakers.filter((s) => s !== undefined), job }
          })
        )
        expect(written.speakers).toHaveLength(25)

        const { url } = yield* startChild(args)
        const emulator = endpoint(url)
        const described = yield* signedRequest(
          emulator,
          "VoiceID.DescribeDomain",
          JSON.stringify({ DomainId: written.domain.DomainId })
        )
        expect(described.status).toBe(200)
        const tags = yield* signedRequest(
          emulator,
          "VoiceID.ListTagsForResource",
          JSON.stringify({ ResourceArn: written.domain.Arn })
        )
        expect(tags.json?.Tags).toEqual([{ Key: "a", Value: "b" }])
        const listed = yield* signedRequest(
          emulator,
          "VoiceID.ListSpeakers",
          JSON.stringify({ DomainId: written.domain.DomainId })
        )
        const ids = (listed.json!.SpeakerSummaries as Array<{ CustomerSpeakerId: string }>).map(
          (s) => s.CustomerSpeakerId
        )
        for (const id of written.speakers) expect(ids).toContain(id)
        const polls = yield* pollUntil(
          () =>
            Effect.runPromise(
              signedRequest(
                emulator,
                "VoiceID.DescribeSpeakerEnrollmentJob",
                JSON.stringify({ DomainId: written.domain.DomainId, JobId: written.job.JobId })
              )
            ),
          (a) => (a.json?.Job as { JobStatus?: string } | undefined)?.JobStatus === "COMPLETED"
        )
        expect((polls[polls.length - 1]!.json!.Job as { JobProgress: unknown }).JobProgress).toEqual({
          PercentComplete: 100
        })
      }),
    120_000
  )
})
