/**
 * A quick local load: ListSpeakerEnrollmentJobs (pages of 100) against an emulator on loopback, signed requests,
 * `connections` concurrent clients, with autocannon running in a worker thread. Prints requests per second and
 * latency. Not a test: a figure to compare changes by.
 *
 *   pnpm --filter @effect-voiceid/emulator load [--connections 8] [--duration 10] [--jobs 10000] [--no-auth]
 */
import { SigV4 } from "@effect-voiceid/protocol"
import autocannon from "autocannon"
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { performance } from "node:perf_hooks"
import { parseArgs } from "node:util"
import { nodeCrypto } from "../src/Auth.js"
import { startEmulator } from "../src/Emulator.js"

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "8" },
    duration: { type: "string", default: "10" },
    jobs: { type: "string", default: "10000" },
    "no-auth": { type: "boolean", default: false },
    status: { type: "string" },
    profile: { type: "string" }
  }
})

const emulator = await startEmulator({ verifySignatures: !values["no-auth"] })
const { domainId } = await emulator.seedJobs({ count: Number(values.jobs) })
const body = JSON.stringify(values.status === undefined ? { DomainId: domainId } : { DomainId: domainId, JobStatus: values.status })
const host = new URL(emulator.url).host
const headers: Record<string, string> = {
  host,
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs"
}
const signed = SigV4.sign(
  nodeCrypto,
  { method: "POST", path: "/", headers, body },
  emulator.credentials,
  { region: emulator.region, service: "voiceid", signingDate: emulator.now() }
)
// With --profile FILE: a CPU profile of the server thread during the load only (open it in a profiler).
const session = values.profile === undefined ? undefined : new Session()
if (session !== undefined) {
  session.connect()
  await session.post("Profiler.enable")
  await session.post("Profiler.start")
}
const before = performance.eventLoopUtilization()
const result = await autocannon({
  url: emulator.url,
  method: "POST",
  body,
  headers: { ...headers, ...signed.headers },
  connections: Number(values.connections),
  duration: Number(values.duration),
  workers: 1
})
if (session !== undefined) {
  const { profile } = await session.post("Profiler.stop")
  writeFileSync(values.profile!, JSON.stringify(profile))
}
// The server runs on this thread and the load in a worker: the main thread's busy time is the server's cost.
const utilization = performance.eventLoopUtilization(before)
console.log(
  JSON.stringify(
    {
      connections: Number(values.connections),
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
      serverBusy: Number(utilization.utilization.toFixed(3)),
      serverMicrosecondsPerRequest: Math.round((utilization.active * 1000) / result.requests.total),
      bytesPerSecond: result.throughput.average,
      non2xx: result.non2xx,
      errors: result.errors
    },
    null,
    2
  )
)
await emulator.close()
