/**
 * A quick local load: ListSpeakerEnrollmentJobs (pages of 100 from `--jobs` seeded jobs) against an emulator on
 * loopback, signed requests, `--connections` concurrent clients. The load generator (autocannon) runs in a child
 * process, so the emulator's own CPU time per request can be read apart from the client's. Prints requests per
 * second, latency and the server's CPU microseconds per request. Not a test: a figure to compare changes by.
 *
 *   pnpm --filter @effect-voiceid/emulator load [--connections 8] [--duration 10] [--jobs 10000] [--no-auth]
 *     [--status COMPLETED] [--profile server.cpuprofile]
 */

import { fork } from "node:child_process"
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { SigV4 } from "@effect-voiceid/protocol"
import { nodeCrypto } from "../src/Auth.js"
import { startEmulator } from "../src/Emulator.js"

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "8" },
    duration: { type: "string", default: "10" },
    jobs: { type: "string", default: "10000" },
    "no-auth": { type: "boolean", default: false },
    status: { type: "string" },
    profile: { type: "string" },
    client: { type: "string" }
  }
})

/** The part of autocannon's result read here. */
interface LoadResult {
  readonly requests: { readonly total: number; readonly average: number }
  readonly latency: { readonly p50: number; readonly p99: number }
  readonly non2xx: number
  readonly errors: number
}
type Run = (options: Readonly<Record<string, unknown>>, done: (error: unknown, result: LoadResult) => void) => unknown

interface ClientJob {
  readonly url: string
  readonly body: string
  readonly headers: Record<string, string>
  readonly connections: number
  readonly duration: number
}

if (values.client !== undefined) {
  // The load generator, in its own process.
  const job = JSON.parse(values.client) as ClientJob
  // Loaded by name here only: the load generator is a devDependency of this script, typed by `Run` above.
  const generator = "autocannon"
  const run = ((await import(generator)) as { readonly default: Run }).default
  const result = await new Promise<LoadResult>((resolve, reject) =>
    run(
      {
        url: job.url,
        method: "POST",
        body: job.body,
        headers: job.headers,
        connections: job.connections,
        duration: job.duration
      },
      (error, result) => (error ? reject(error) : resolve(result))
    )
  )
  process.send!({
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors
  })
  process.exit(0)
}

const emulator = await startEmulator({ verifySignatures: !values["no-auth"] })
const { domainId } = await emulator.seedJobs({ count: Number(values.jobs) })
const body = JSON.stringify(
  values.status === undefined ? { DomainId: domainId } : { DomainId: domainId, JobStatus: values.status }
)
const headers: Record<string, string> = {
  host: new URL(emulator.url).host,
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs"
}
const signed = SigV4.sign(nodeCrypto, { method: "POST", path: "/", headers, body }, emulator.credentials, {
  region: emulator.region,
  service: "voiceid",
  signingDate: emulator.now()
})

// With --profile FILE: a CPU profile of the server during the load only (open it in a profiler).
const session = values.profile === undefined ? undefined : new Session()
if (session !== undefined) {
  session.connect()
  await session.post("Profiler.enable")
  await session.post("Profiler.start")
}
const job: ClientJob = {
  url: emulator.url,
  body,
  headers: { ...headers, ...signed.headers },
  connections: Number(values.connections),
  duration: Number(values.duration)
}
const cpuBefore = process.cpuUsage()
const client = fork(fileURLToPath(import.meta.url), ["--client", JSON.stringify(job)])
const result = await new Promise<{
  requests: number
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}>((resolve) => client.once("message", (m) => resolve(m as never)))
const cpu = process.cpuUsage(cpuBefore)
if (session !== undefined) {
  const { profile } = await session.post("Profiler.stop")
  writeFileSync(values.profile!, JSON.stringify(profile))
}
console.log(
  JSON.stringify(
    {
      connections: job.connections,
      requestsPerSecond: result.requestsPerSecond,
      latencyMs: { p50: result.p50, p99: result.p99 },
      serverCpuMicrosecondsPerRequest: Math.round((cpu.user + cpu.system) / result.requests),
      non2xx: result.non2xx,
      errors: result.errors
    },
    null,
    2
  )
)
await emulator.close()
