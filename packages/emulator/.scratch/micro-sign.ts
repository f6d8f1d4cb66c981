import { SigV4 } from "@effect-voiceid/protocol"
import { nodeCrypto, verify } from "../src/Auth.js"

const body = JSON.stringify({ DomainId: "a".repeat(22) })
const headers: Record<string, string> = {
  host: "127.0.0.1:1",
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs"
}
const now = Date.now()
const cache = SigV4.makeSigningKeyCache()
const bench = (name: string, f: () => unknown) => {
  for (let i = 0; i < 5000; i++) f()
  const N = 20000
  const t0 = performance.now()
  for (let i = 0; i < N; i++) f()
  console.log(name, (((performance.now() - t0) * 1000) / N).toFixed(1), "us")
}
bench("sign no cache", () =>
  SigV4.sign(
    nodeCrypto,
    { method: "POST", path: "/", headers, body },
    { accessKeyId: "test", secretAccessKey: "test" },
    { region: "us-east-1", service: "voiceid", signingDate: new Date(now) }
  )
)
bench("sign cache", () =>
  SigV4.sign(
    nodeCrypto,
    { method: "POST", path: "/", headers, body },
    { accessKeyId: "test", secretAccessKey: "test" },
    { region: "us-east-1", service: "voiceid", signingDate: new Date(now), signingKeyCache: cache }
  )
)
const signed = SigV4.sign(
  nodeCrypto,
  { method: "POST", path: "/", headers, body },
  { accessKeyId: "test", secretAccessKey: "test" },
  { region: "us-east-1", service: "voiceid", signingDate: new Date(now) }
)
const all = { ...headers, ...signed.headers }
bench("verify", () =>
  verify(
    { method: "POST", path: "/", headers: all, body: Buffer.from(body) },
    {
      keys: new Map([["test", "test"]]),
      service: "voiceid",
      servesRegion: () => true,
      now,
      maxSkewMs: 300000,
      signingKeyCache: cache
    }
  )
)
bench("sha256", () => nodeCrypto.sha256Hex(body))
bench("hmac", () => nodeCrypto.hmacSha256("key", body))
bench("parseAuth", () => SigV4.parseAuthorization(signed.headers.authorization))
