import { SigV4 } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import { nodeCrypto } from "../src/Auth.js"
import { FaultInjector } from "../src/Faults.js"
import * as Control from "../src/internal/control.js"
import { dispatch } from "../src/internal/dispatch.js"
import { defaultQuotas, EmulatorState } from "../src/State.js"

const state = new EmulatorState({
  accountId: "000000000000",
  regions: ["us-east-1"],
  dataDir: "/tmp",
  quotas: defaultQuotas,
  jobStartDelayMs: 0,
  jobRequestsPerSecond: 100,
  encryptionUpdateMs: 0,
  tokenLifetimeMs: 86400000
})
const seeded = Either.getOrThrow(Control.seed(state, { count: 10000 }))
const faults = new FaultInjector({}, 1)
for (const auth of [true]) {
  const body = JSON.stringify({ DomainId: seeded.domainId })
  const headers: Record<string, string> = {
    host: "127.0.0.1:1",
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs"
  }
  const signed = SigV4.sign(
    nodeCrypto,
    { method: "POST", path: "/", headers, body },
    { accessKeyId: "test", secretAccessKey: "test" },
    { region: "us-east-1", service: "voiceid", signingDate: new Date(state.clock.now()) }
  )
  const all = { ...headers, ...signed.headers }
  const raw = Object.entries(all).flat()
  const req = { method: "POST", url: "/", headers: all, rawHeaders: raw, body: Buffer.from(body) }
  const opts = {
    verifySignatures: auth,
    keys: new Map([["test", "test"]]),
    maxSkewMs: 300000,
    maxBodyBytes: 1e6,
    persistent: false
  }
  let out: any
  for (let i = 0; i < 5000; i++) out = dispatch(state, faults, opts, req)
  const N = 100000
  const t0 = performance.now()
  for (let i = 0; i < N; i++) out = dispatch(state, faults, opts, req)
  const t1 = performance.now()
  console.log("auth", auth, (((t1 - t0) * 1000) / N).toFixed(1), "us/req", out.status, out.body.length)
}
