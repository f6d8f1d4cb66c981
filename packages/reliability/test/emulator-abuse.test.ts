import { describe, expect, layer } from "@effect/vitest"
import { VoiceId } from "@effect-voiceid/client"
import { Emulator } from "@effect-voiceid/emulator"
import { VoiceIdNode } from "@effect-voiceid/node"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { count, record } from "../src/Figures.js"
import { current, sizes } from "../src/Profile.js"
import { type Endpoint, type RawAnswer, type RawRequest, send, signed, tcp } from "../src/Raw.js"

const MAX_BODY = 1024 * 1024
const JSON_TYPE = "application/x-amz-json-1.0"
const N = sizes.abusePerClass

/** The emulator, with a reference domain whose state must come out of the abuse unchanged. */
class Fixture extends Context.Tag("Fixture")<
  Fixture,
  {
    readonly emulator: Emulator.EmulatorService
    readonly endpoint: Endpoint
    readonly domainId: string
    readonly scratchDomainId: string
    /** The reference domain as the emulator holds it (JSON). */
    readonly snapshot: () => Effect.Effect<string>
    readonly before: string
    readonly speakers: ReadonlyArray<string>
  }
>() {}

const FixtureLive = Layer.scoped(
  Fixture,
  Effect.gen(function* () {
    const emulator = yield* Emulator.make({ seed: 9 })
    const endpoint: Endpoint = {
      url: emulator.url,
      region: emulator.region,
      accessKeyId: emulator.credentials.accessKeyId,
      secretAccessKey: Redacted.value(emulator.credentials.secretAccessKey)
    }
    const client = yield* Layer.build(
      VoiceIdNode.layer({ region: emulator.region, endpoint: emulator.url, credentials: endpoint })
    )
    const voiceId = Context.get(client, VoiceId)
    const { Domain } = yield* voiceId.createDomain({
      Name: "reference",
      Description: "state that must survive",
      ServerSideEncryptionConfiguration: { KmsKeyId: "alias/reference" },
      Tags: [{ Key: "team", Value: "reliability" }]
    })
    const domainId = Domain!.DomainId!
    yield* voiceId.createWatchlist({ DomainId: domainId, Name: "watch" })
    const speakers = Array.from({ length: 20 }, (_, i) => `reference-${i}`)
    yield* Effect.forEach(speakers, (SpeakerId) => voiceId.optOutSpeaker({ DomainId: domainId, SpeakerId }))
    yield* emulator.seedJobs({ domainId, count: 50 })
    yield* emulator.registerSession({ domainId, sessionName: "reference-session", speakerId: speakers[0]! })
    const scratch = yield* emulator.seedJobs({ count: 0, domainName: "scratch" })
    const snapshot = () =>
      Effect.map(emulator.dump, (state) => JSON.stringify(state.regions[0]!.domains.find((d) => d.id === domainId)))
    return {
      emulator,
      endpoint,
      domainId,
      scratchDomainId: scratch.domainId,
      snapshot,
      before: yield* snapshot(),
      speakers
    }
  })
)

// ---------------------------------------------------------------------------------------------------------------

const figures: Array<readonly [string, string | number]> = []
const byClass: Record<string, number> = {}
let requests = 0
let wrong = 0

/** Checks one answer: the status and the error code expected (`undefined`: a success). */
const check = (label: string, answer: RawAnswer, status: number, code: string | undefined) => {
  requests++
  const ok = answer.status === status && answer.code === code
  if (!ok) wrong++
  expect([answer.status, answer.code], `${label}: ${answer.text.slice(0, 300)}`).toEqual([status, code])
  if (code !== undefined) expect(answer.headers.get("x-amzn-errortype")).toBe(code)
}

const describeDomain = (domainId: string): RawRequest => ({
  headers: { "content-type": JSON_TYPE, "x-amz-target": "VoiceID.DescribeDomain" },
  body: JSON.stringify({ DomainId: domainId })
})

/** The emulator answers a valid request and the reference domain is as it was. */
const stillServing = Effect.gen(function* () {
  const { endpoint, domainId, snapshot, before } = yield* Fixture
  const request = describeDomain(domainId)
  const answer = yield* Effect.promise(() => send(endpoint.url, { ...request, headers: signed(endpoint, request) }))
  check("a valid request after the abuse", answer, 200, undefined)
  expect(yield* snapshot()).toBe(before)
})

const tally = (klass: string, n: number) => {
  byClass[`emulator: ${klass}`] = (byClass[`emulator: ${klass}`] ?? 0) + n
}

/** What the emulator must answer to a body for DescribeDomain: not a JSON object → SerializationException. */
const expectedForBody = (bytes: Uint8Array): string => {
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === "") return "ValidationException"
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? "ValidationException"
      : "SerializationException"
  } catch {
    return "SerializationException"
  }
}

describe("emulator abuse: it answers each bad request with the right error, keeps serving, and its state is intact", () => {
  layer(FixtureLive, { excludeTestServices: true, timeout: "60 seconds" })((it) => {
    it.effect(`garbage bodies (${N}, signed): SerializationException or ValidationException, never a crash`, () =>
      Effect.gen(function* () {
        const { endpoint } = yield* Fixture
        const bodies = FastCheck.sample(
          FastCheck.oneof(
            FastCheck.uint8Array({ maxLength: 2000 }),
            FastCheck.string({ unit: "binary", maxLength: 500 }).map((s) => new TextEncoder().encode(s)),
            FastCheck.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
            FastCheck.constantFrom("{", "[]", "null", '"x"', "{}}", '{"DomainId":5}', "\u0000").map((s) =>
              new TextEncoder().encode(s)
            )
          ),
          { numRuns: N, seed: 11 }
        )
        for (const body of bodies) {
          const request: RawRequest = {
            headers: { "content-type": JSON_TYPE, "x-amz-target": "VoiceID.DescribeDomain" },
            body
          }
          const answer = yield* Effect.promise(() =>
            send(endpoint.url, { ...request, headers: signed(endpoint, request) })
          )
          check(`garbage body of ${body.length} bytes`, answer, 400, expectedForBody(body))
        }
        tally("garbage body", bodies.length)
        figures.push(["garbage bodies (400 SerializationException / ValidationException)", count(bodies.length)])
        yield* stillServing
      })
    )

    it.effect("wrong content types: SerializationException unless it is JSON", () =>
      Effect.gen(function* () {
        const { endpoint, domainId } = yield* Fixture
        const types = [
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/x-amz-json-1.1",
          "application/cbor",
          "application/json; charset=utf-8",
          "APPLICATION/X-AMZ-JSON-1.0",
          "application/x-amz-json-1.0;",
          "application/x-amz-json-1.0 ; charset=utf-8",
          "application/jsonx",
          "json",
          "*/*",
          "application/*",
          ...FastCheck.sample(FastCheck.stringMatching(/^[\x21-\x7e]{1,40}$/), {
            numRuns: Math.max(0, N - 14),
            seed: 12
          })
        ]
        let accepted = 0
        for (const type of types) {
          const request: RawRequest = {
            headers: { "content-type": type, "x-amz-target": "VoiceID.DescribeDomain" },
            body: new TextEncoder().encode(JSON.stringify({ DomainId: domainId }))
          }
          const answer = yield* Effect.promise(() =>
            send(endpoint.url, { ...request, headers: signed(endpoint, request) })
          )
          const essence = type.split(";")[0]!.trim().toLowerCase()
          const json = essence === JSON_TYPE || essence === "application/json"
          if (json) accepted++
          check(`content type ${type}`, answer, json ? 200 : 400, json ? undefined : "SerializationException")
        }
        // Without any content type.
        const bare: RawRequest = {
          headers: { "x-amz-target": "VoiceID.DescribeDomain" },
          body: new TextEncoder().encode(JSON.stringify({ DomainId: domainId }))
        }
        check(
          "no content type",
          yield* Effect.promise(() => send(endpoint.url, { ...bare, headers: signed(endpoint, bare) })),
          400,
          "SerializationException"
        )
        tally("wrong content type", types.length + 1)
        figures.push([
          "content types tried (JSON ones accepted / others 400)",
          `${accepted} / ${types.length + 1 - accepted}`
        ])
        yield* stillServing
      })
    )

    it.effect("oversized bodies, declared or chunked: 413 RequestEntityTooLargeException", () =>
      Effect.gen(function* () {
        const { endpoint } = yield* Fixture
        const cases = Math.max(4, Math.floor(N / 20))
        for (let i = 0; i < cases; i++) {
          const size = MAX_BODY + 1 + Math.floor((i / cases) * 2 * MAX_BODY)
          const body = new Uint8Array(size).fill(0x20)
          const headers = signed(endpoint, {
            headers: { "content-type": JSON_TYPE, "x-amz-target": "VoiceID.DescribeDomain" },
            body
          })
          const chunked = i % 2 === 1
          const answer = yield* Effect.promise(() =>
            chunked
              ? fetch(endpoint.url, {
                  method: "POST",
                  headers,
                  body: new ReadableStream({
                    start(controller) {
                      for (let at = 0; at < size; at += 65_536) controller.enqueue(body.subarray(at, at + 65_536))
                      controller.close()
                    }
                  }),
                  duplex: "half"
                } as RequestInit).then(async (r) => {
                  const text = await r.text()
                  const type = (JSON.parse(text) as { __type: string }).__type
                  return { status: r.status, headers: r.headers, text, code: type.slice(type.indexOf("#") + 1) }
                })
              : send(endpoint.url, { headers, body })
          )
          check(
            `${chunked ? "chunked" : "declared"} body of ${size} bytes`,
            answer,
            413,
            "RequestEntityTooLargeException"
          )
        }
        tally("oversized body", cases)
        figures.push(["oversized bodies, 1–3 MiB, declared and chunked (413)", cases])
        yield* stillServing
      })
    )

    it.effect("bad signatures: the code AWS gives for each kind of mistake", () =>
      Effect.gen(function* () {
        const { endpoint, domainId } = yield* Fixture
        const base = describeDomain(domainId)
        const now = Date.now()
        const flip = (authorization: string) => authorization.slice(0, -1) + (authorization.endsWith("0") ? "1" : "0")
        const kinds: ReadonlyArray<readonly [string, () => RawRequest, number, string]> = [
          [
            "signature altered",
            () => {
              const h = signed(endpoint, base)
              return { ...base, headers: { ...h, authorization: flip(h.authorization!) } }
            },
            403,
            "InvalidSignatureException"
          ],
          [
            "wrong secret",
            () => ({ ...base, headers: signed(endpoint, base, { secretAccessKey: "not-the-secret" }) }),
            403,
            "InvalidSignatureException"
          ],
          [
            "body changed after signing",
            () => ({ ...base, headers: signed(endpoint, base), body: JSON.stringify({ DomainId: "a".repeat(22) }) }),
            403,
            "InvalidSignatureException"
          ],
          [
            "target changed after signing",
            () => ({ ...base, headers: { ...signed(endpoint, base), "x-amz-target": "VoiceID.DeleteDomain" } }),
            403,
            "InvalidSignatureException"
          ],
          [
            "unknown access key",
            () => ({ ...base, headers: signed(endpoint, base, { accessKeyId: "AKIAUNKNOWN" }) }),
            403,
            "UnrecognizedClientException"
          ],
          ["no Authorization header", () => base, 403, "MissingAuthenticationTokenException"],
          [
            "another service in the scope",
            () => ({ ...base, headers: signed(endpoint, base, { service: "s3" }) }),
            403,
            "InvalidSignatureException"
          ],
          [
            "an unserved region",
            () => ({ ...base, headers: signed(endpoint, base, { region: "eu-west-3" }) }),
            403,
            "InvalidSignatureException"
          ],
          [
            "signed 10 minutes ago",
            () => ({ ...base, headers: signed(endpoint, base, { signingDate: new Date(now - 600_000) }) }),
            403,
            "InvalidSignatureException"
          ],
          [
            "signed 10 minutes ahead",
            () => ({ ...base, headers: signed(endpoint, base, { signingDate: new Date(now + 600_000) }) }),
            403,
            "InvalidSignatureException"
          ],
          [
            "host not signed",
            () => ({
              ...base,
              headers: signed(endpoint, base, { signedHeaders: ["content-type", "x-amz-date", "x-amz-target"] })
            }),
            403,
            "InvalidSignatureException"
          ],
          [
            "Credential part missing",
            () => {
              const h = signed(endpoint, base)
              return { ...base, headers: { ...h, authorization: h.authorization!.replace(/Credential=[^,]*, /, "") } }
            },
            400,
            "IncompleteSignatureException"
          ]
        ]
        const garbage = FastCheck.sample(FastCheck.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,80}[\x21-\x7e]$/), {
          numRuns: Math.max(0, N - kinds.length * 4),
          seed: 13
        })
        for (let round = 0; round < 4; round++) {
          for (const [name, make, status, code] of kinds) {
            const answer = yield* Effect.promise(() => send(endpoint.url, make()))
            check(name, answer, status, code)
          }
        }
        for (const value of garbage) {
          const answer = yield* Effect.promise(() =>
            send(endpoint.url, { ...base, headers: { ...signed(endpoint, base), authorization: value } })
          )
          check(`Authorization: ${value}`, answer, 400, "IncompleteSignatureException")
        }
        tally("bad signature", kinds.length * 4 + garbage.length)
        figures.push([
          "bad signatures: 12 kinds × 4 and garbage Authorization headers (403/400 with AWS's codes)",
          count(kinds.length * 4 + garbage.length)
        ])
        yield* stillServing
      })
    )

    it.effect("replayed signatures: valid within the clock window as on AWS, refused when bent or stale", () =>
      Effect.gen(function* () {
        const { endpoint, domainId } = yield* Fixture
        const base = describeDomain(domainId)
        const headers = signed(endpoint, base)
        // SigV4 has no nonce: AWS accepts a replay within the 5-minute window, so does the emulator.
        check("exact replay", yield* Effect.promise(() => send(endpoint.url, { ...base, headers })), 200, undefined)
        check(
          "exact replay again",
          yield* Effect.promise(() => send(endpoint.url, { ...base, headers })),
          200,
          undefined
        )
        const other = describeDomain("b".repeat(22))
        check(
          "replayed on another body",
          yield* Effect.promise(() => send(endpoint.url, { ...other, headers })),
          403,
          "InvalidSignatureException"
        )
        check(
          "replayed on another operation",
          yield* Effect.promise(() =>
            send(endpoint.url, { ...base, headers: { ...headers, "x-amz-target": "VoiceID.DeleteDomain" } })
          ),
          403,
          "InvalidSignatureException"
        )
        // Six minutes later (another emulator, whose clock is moved), the same signature has expired.
        const stale = yield* Effect.scoped(
          Effect.gen(function* () {
            const later = yield* Emulator.make({ seed: 10 })
            const target = { ...endpoint, url: later.url }
            const request = describeDomain(domainId)
            const replayed = signed(target, request)
            const first = yield* Effect.promise(() => send(later.url, { ...request, headers: replayed }))
            yield* later.advanceClock("6 minutes")
            const second = yield* Effect.promise(() => send(later.url, { ...request, headers: replayed }))
            return [first, second] as const
          })
        )
        check("replay before the clock moves (unknown domain)", stale[0], 404, "ResourceNotFoundException")
        check("replay after 6 minutes", stale[1], 403, "InvalidSignatureException")
        expect(stale[1].text).toContain("Signature expired")
        tally("replayed signature", 6)
        figures.push(["replays: exact (accepted, as AWS does) / bent or stale (403)", "2 / 3"])
        yield* stillServing
      })
    )

    it.effect("header injection and malformed HTTP: 400 from the HTTP parser, nothing reflected", () =>
      Effect.gen(function* () {
        const { emulator } = yield* Fixture
        const start = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
        const cases: ReadonlyArray<readonly [string, string, string]> = [
          [
            "CR inside a header value",
            `${start}X-Amz-Target: VoiceID.ListDomains\rX-Injected: 1\r\nContent-Length: 2\r\n\r\n{}`,
            "400"
          ],
          [
            "LF inside a header value",
            `${start}X-Amz-Target: VoiceID.ListDomains\nX-Injected: 1\r\nContent-Length: 2\r\n\r\n{}`,
            "400"
          ],
          [
            "NUL inside a header value",
            `${start}X-Amz-Target: VoiceID.List\u0000Domains\r\nContent-Length: 2\r\n\r\n{}`,
            "400"
          ],
          ["two different Content-Lengths", `${start}Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}`, "400"],
          [
            "Content-Length with chunked Transfer-Encoding",
            `${start}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
            "400"
          ],
          [
            "a folded header line",
            `${start}X-Amz-Target: VoiceID.ListDomains\r\n X-Injected: 1\r\nContent-Length: 2\r\n\r\n{}`,
            "400"
          ],
          ["a space in a header name", `${start}X Injected: 1\r\nContent-Length: 2\r\n\r\n{}`, "400"],
          [
            "a space before the colon",
            `${start}X-Amz-Target : VoiceID.ListDomains\r\nContent-Length: 2\r\n\r\n{}`,
            "400"
          ],
          ["an unknown method", "BREW / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "400"],
          ["a 20 KB header", `${start}X-Big: ${"a".repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`, "431"],
          [
            "CRLF encoded in the path",
            "POST /%0d%0aX-Injected:%201 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
            "404"
          ]
        ]
        const rounds = Math.max(1, Math.floor(N / 40))
        for (let round = 0; round < rounds; round++) {
          for (const [name, data, status] of cases) {
            const raw = yield* Effect.promise(() => tcp(emulator.port, data))
            requests++
            const statusLine = raw.slice(0, raw.indexOf("\r\n"))
            const head = raw.slice(0, raw.indexOf("\r\n\r\n")).toLowerCase()
            const ok = statusLine.startsWith(`HTTP/1.1 ${status} `) && !head.includes("x-injected")
            if (!ok) wrong++
            expect(ok, `${name}: ${raw.slice(0, 200)}`).toBe(true)
            if (status === "404") expect(raw).toContain("UnknownOperationException")
          }
        }
        tally("malformed HTTP / header injection", rounds * cases.length)
        figures.push([`malformed HTTP and header injection: ${cases.length} kinds × ${rounds}`, rounds * cases.length])
        yield* stillServing
      })
    )

    it.effect(
      `${sizes.parallelClients} parallel clients: every answer right, writes kept, reference state intact`,
      () =>
        Effect.gen(function* () {
          const { emulator, endpoint, domainId, scratchDomainId, speakers } = yield* Fixture
          const acknowledged: Array<string> = []
          let calls = 0
          const results = yield* Effect.forEach(
            Array.from({ length: sizes.parallelClients }, (_, i) => i),
            (i) =>
              Effect.scoped(
                Effect.gen(function* () {
                  // Each its own client: its own connection pool and signer.
                  const good = Context.get(
                    yield* Layer.build(
                      VoiceIdNode.layer({ region: emulator.region, endpoint: emulator.url, credentials: endpoint })
                    ),
                    VoiceId
                  )
                  const bad = Context.get(
                    yield* Layer.build(
                      VoiceIdNode.layer({
                        region: emulator.region,
                        endpoint: emulator.url,
                        maxAttempts: 1,
                        credentials: { accessKeyId: endpoint.accessKeyId, secretAccessKey: "wrong" }
                      })
                    ),
                    VoiceId
                  )
                  const problems: Array<string> = []
                  const domain = yield* good.describeDomain({ DomainId: domainId })
                  if (domain.Domain?.Name !== "reference") problems.push("describeDomain")
                  const listed = yield* good.listSpeakers({ DomainId: domainId })
                  if (listed.SpeakerSummaries?.length !== speakers.length) problems.push("listSpeakers")
                  const speaker = `parallel-${i}`
                  yield* good.optOutSpeaker({ DomainId: scratchDomainId, SpeakerId: speaker })
                  acknowledged.push(speaker)
                  const missing = yield* Effect.either(good.describeDomain({ DomainId: "z".repeat(22) }))
                  if (!(Either.isLeft(missing) && missing.left._tag === "ResourceNotFoundException"))
                    problems.push("not found")
                  const forged = yield* Effect.either(bad.describeDomain({ DomainId: domainId }))
                  if (
                    !(
                      Either.isLeft(forged) &&
                      forged.left._tag === "UnknownServiceError" &&
                      forged.left.code === "InvalidSignatureException"
                    )
                  ) {
                    problems.push("wrong secret")
                  }
                  const invalid = yield* Effect.either(good.describeDomain({ DomainId: "short" }, { validate: false }))
                  if (!(Either.isLeft(invalid) && invalid.left._tag === "ValidationException"))
                    problems.push("server validation")
                  calls += 6
                  return problems
                })
              ),
            { concurrency: "unbounded" }
          )
          const problems = results.flat()
          expect(problems).toEqual([])
          requests += calls
          // Every acknowledged write is there, nothing else is.
          const state = yield* emulator.dump
          const scratch = state.regions[0]!.domains.find((d) => d.id === scratchDomainId)!
          expect(scratch.speakers.map((s) => s.customerId).sort()).toEqual([...acknowledged].sort())
          figures.push([
            `parallel clients: ${sizes.parallelClients} × 6 calls (reads, a write, not found, wrong secret, server-side validation)`,
            `${count(calls)} calls, ${problems.length} wrong`
          ])
          tally("parallel clients (calls)", calls)
          yield* stillServing

          record({
            id: "emulator-abuse",
            order: 80,
            title: "Emulator abuse",
            claim:
              "Requests built by hand against an in-process emulator holding a reference domain (speakers, jobs, a " +
              "watchlist, tags, a session): garbage bodies, wrong content types, oversized bodies, bad and replayed " +
              "signatures, malformed HTTP and header injection over raw TCP, and " +
              `${sizes.parallelClients} clients at once. Each gets the status and error code AWS gives; after each ` +
              "class a valid request is answered and the reference domain's state (the emulator's own dump) is " +
              "byte-for-byte what it was.",
            rows: [
              ...figures,
              ["requests in all", count(requests)],
              ["wrong answers", wrong],
              ["reference state changed", "no"],
              ["acknowledged parallel writes missing", 0]
            ],
            totals: {
              requests,
              badInputs: Object.values(byClass).reduce((a, b) => a + b, 0) - calls,
              badInputsByClass: Object.fromEntries(Object.entries(byClass).filter(([k]) => !k.includes("parallel")))
            }
          })
        }),
      current === "full" ? 600_000 : 120_000
    )
  })
})
