import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Emulator from "../src/Emulator.js"
import { startEmulator } from "../src/index.js"
import * as Control from "../src/internal/control.js"
import { decodeSnapshot, defaultQuotas, EmulatorState, loadSnapshot, toSnapshot } from "../src/State.js"
import { signedRequest } from "./support.js"

describe("Emulator.layer", () => {
  it.layer(Emulator.layer())((it) => {
    it.effect("provides a running emulator on a free loopback port", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        expect(emulator.port).toBeGreaterThan(0)
        expect(emulator.region).toBe("us-east-1")
        const answer = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}")
        expect(answer.json).toEqual({ DomainSummaries: [] })
      })
    )
  })
})

describe("Emulator.layerConfig", () => {
  it.scopedLive("reads its options from Config", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.Emulator.pipe(
        Effect.provide(Emulator.layerConfig({ regions: Config.array(Config.string("REGIONS")) })),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["REGIONS", "eu-west-2,eu-central-1"]])))
      )
      expect(emulator.regions).toEqual(["eu-west-2", "eu-central-1"])
      expect(emulator.region).toBe("eu-west-2")
    })
  )
})

describe("startEmulator", () => {
  it("starts and closes outside Effect", async () => {
    const emulator = await startEmulator({ seed: 3 })
    expect(emulator.credentials).toEqual({ accessKeyId: "test", secretAccessKey: "test" })
    const health = await fetch(`${emulator.url}/__emulator/health`)
    expect(health.status).toBe(200)
    expect(existsSync(emulator.dataDir)).toBe(true)
    await emulator.close()
    await expect(fetch(`${emulator.url}/__emulator/health`)).rejects.toThrow()
    expect(existsSync(emulator.dataDir)).toBe(false)
  })

  it("refuses a state file that is not an emulator state", async () => {
    const folder = mkdtempSync(join(tmpdir(), "voiceid-bad-state-"))
    try {
      writeFileSync(join(folder, "state.json"), '{"version": 99}')
      await expect(startEmulator({ state: join(folder, "state.json") })).rejects.toMatchObject({
        _tag: "EmulatorError",
        reason: "StateFile"
      })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

describe("snapshots", () => {
  it("round-trip the whole state", () => {
    const config = {
      accountId: "000000000000",
      regions: ["us-east-1"],
      dataDir: "/nowhere",
      quotas: defaultQuotas,
      jobStartDelayMs: 0,
      jobRequestsPerSecond: 1,
      encryptionUpdateMs: 0,
      tokenLifetimeMs: 1000
    }
    const state = new EmulatorState(config)
    const seeded = Either.getOrThrow(Control.seed(state, { count: 25, kind: "fraudster" }))
    Either.getOrThrow(Control.session(state, { domainId: seeded.domainId, sessionName: "s1", speakerId: "x" }))
    const snapshot = toSnapshot(state)
    const copy = new EmulatorState(config)
    loadSnapshot(copy, Either.getOrThrow(decodeSnapshot(JSON.stringify(snapshot))))
    expect(toSnapshot(copy)).toEqual({ ...snapshot, clockLastMs: expect.any(Number) })
    expect(
      copy.regions.get("us-east-1")!.domains.get(seeded.domainId)!.fraudsterJobs.byStatus.get("COMPLETED")!.size
    ).toBe(seeded.statuses.COMPLETED)
  })
})
