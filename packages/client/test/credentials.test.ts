import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Credentials from "../src/Credentials.js"
import { CredentialsError } from "../src/Errors.js"
import { SECRET, SESSION_TOKEN } from "./utils.js"

const minutes = (n: number) => n * 60_000

/** A slow source that hands out numbered credentials expiring `lifetime` after they are fetched. */
const source = (lifetime: number, options?: { readonly failFrom?: number }) => {
  let calls = 0
  const fetch = Effect.gen(function* () {
    calls++
    const n = calls
    yield* Effect.sleep("1 second")
    if (options?.failFrom !== undefined && n >= options.failFrom) {
      return yield* Effect.fail(new CredentialsError({ source: "test", reason: `refresh ${n} failed` }))
    }
    const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
    return Credentials.make({
      accessKeyId: `AKID${n}`,
      secretAccessKey: SECRET,
      sessionToken: SESSION_TOKEN,
      expiration: new Date(now + lifetime)
    })
  })
  return { fetch, calls: () => calls }
}

const getAt = (provider: Credentials.CredentialsProvider) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.either(provider.get))
    yield* TestClock.adjust("1 second")
    return yield* Fiber.join(fiber)
  })

describe("credentials", () => {
  it("secrets are Redacted: printing, logging or serializing shows no secret", () => {
    const credentials = Credentials.make({ accessKeyId: "AKID", secretAccessKey: SECRET, sessionToken: SESSION_TOKEN })
    for (const text of [
      String(credentials.secretAccessKey),
      JSON.stringify(credentials),
      inspect(credentials, { depth: 5 })
    ]) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(SESSION_TOKEN)
    }
    expect(Redacted.value(credentials.secretAccessKey)).toBe(SECRET)
    expect(credentials.sessionToken && Redacted.value(credentials.sessionToken)).toBe(SESSION_TOKEN)
    expect(Credentials.make({ accessKeyId: "A", secretAccessKey: "s", sessionToken: "" }).sessionToken).toBeUndefined()
  })

  it.effect("one refresh at a time, however many fibers ask", () =>
    Effect.gen(function* () {
      const slow = source(minutes(60))
      const provider = yield* Credentials.cached(slow.fetch)
      const fibers = yield* Effect.forEach(Array.from({ length: 50 }), () => Effect.fork(provider.get))
      yield* TestClock.adjust("1 second")
      const all = yield* Fiber.joinAll(fibers)
      expect(slow.calls()).toBe(1)
      expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["AKID1"]))
    })
  )

  it.effect("refreshes ahead of expiry (default 5 minutes before)", () =>
    Effect.gen(function* () {
      const slow = source(minutes(60))
      const provider = yield* Credentials.cached(slow.fetch)
      expect(Either.getOrThrow(yield* getAt(provider)).accessKeyId).toBe("AKID1")
      // Fetched at 1 s, expiring at 60 min 1 s: still used at 55 min.
      yield* TestClock.adjust(minutes(54))
      expect(Either.getOrThrow(yield* getAt(provider)).accessKeyId).toBe("AKID1")
      expect(slow.calls()).toBe(1)
      yield* TestClock.adjust(minutes(1))
      expect(Either.getOrThrow(yield* getAt(provider)).accessKeyId).toBe("AKID2")
      expect(slow.calls()).toBe(2)
    })
  )

  it.effect(
    "a failed refresh keeps the current credentials until they expire, then fails; failures are not cached",
    () =>
      Effect.gen(function* () {
        const flaky = source(minutes(10), { failFrom: 2 })
        const provider = yield* Credentials.cached(flaky.fetch, { refreshBefore: "5 minutes" })
        expect(Either.getOrThrow(yield* getAt(provider)).accessKeyId).toBe("AKID1")
        yield* TestClock.adjust(minutes(6))
        // Inside the window: the refresh fails, the current credentials are still valid.
        expect(Either.getOrThrow(yield* getAt(provider)).accessKeyId).toBe("AKID1")
        yield* TestClock.adjust(minutes(5))
        const expired = yield* getAt(provider)
        expect(Either.isLeft(expired) && expired.left.message).toBe(
          "Could not load AWS credentials from test: refresh 3 failed"
        )
        yield* getAt(provider)
        expect(flaky.calls()).toBe(4)
      })
  )

  it.effect("credentials without an expiration are fetched once", () =>
    Effect.gen(function* () {
      let calls = 0
      const provider = yield* Credentials.cached(
        Effect.sync(() => {
          calls++
          return Credentials.make({ accessKeyId: "AKID", secretAccessKey: SECRET })
        })
      )
      yield* provider.get
      yield* TestClock.adjust("1000 days")
      yield* provider.get
      expect(calls).toBe(1)
    })
  )

  it.effect("config reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN", () =>
    Effect.gen(function* () {
      const credentials = yield* Effect.flatMap(Credentials.Credentials, (c) => c.get)
      expect(credentials.accessKeyId).toBe("AKIDENV")
      expect(Redacted.value(credentials.secretAccessKey)).toBe(SECRET)
      expect(credentials.sessionToken && Redacted.value(credentials.sessionToken)).toBe(SESSION_TOKEN)
    }).pipe(
      Effect.provide(
        Credentials.layerConfig().pipe(
          Layer.provide(
            Layer.setConfigProvider(
              ConfigProvider.fromMap(
                new Map([
                  ["AWS_ACCESS_KEY_ID", "AKIDENV"],
                  ["AWS_SECRET_ACCESS_KEY", SECRET],
                  ["AWS_SESSION_TOKEN", SESSION_TOKEN]
                ])
              )
            )
          )
        )
      )
    )
  )

  it.effect("missing configuration is a CredentialsError naming the variable, never showing a secret", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(Layer.build(Credentials.layerConfig()).pipe(Effect.scoped))
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isRight(result)) return
      expect(result.left._tag).toBe("CredentialsError")
      expect(result.left.source).toBe("config")
      expect(result.left.message).toContain("AWS_ACCESS_KEY_ID")
      expect(JSON.stringify(result.left)).not.toContain(SECRET)
    }).pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["AWS_SECRET_ACCESS_KEY", SECRET]]))))
  )
})
