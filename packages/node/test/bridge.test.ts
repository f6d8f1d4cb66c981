import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Credentials, Errors } from "@effect-voiceid/client"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { NodeCredentials, VoiceIdNode } from "../src/index.js"
import { env, everythingShown, SECRET, tempHome, write } from "./utils.js"

const MINUTE = 60_000

describe("the AWS SDK provider bridge", () => {
  it.effect("calls the provider once for many concurrent callers, then again ahead of expiry", () =>
    Effect.gen(function* () {
      let calls = 0
      const provider: NodeCredentials.AwsSdkCredentialProvider = async () => {
        calls++
        return {
          accessKeyId: `AKID${calls}`,
          secretAccessKey: SECRET,
          sessionToken: "token",
          // The TestClock starts at 0; the first credentials expire at 30 minutes, the second at 55.
          expiration: new Date(calls === 1 ? 30 * MINUTE : 55 * MINUTE)
        }
      }
      const credentials = yield* Effect.provide(Credentials.Credentials, NodeCredentials.layerAwsSdk(provider))
      const first = yield* Effect.all(
        Array.from({ length: 20 }, () => credentials.get),
        { concurrency: "unbounded" }
      )
      expect(calls).toBe(1)
      expect(new Set(first.map((c) => c.accessKeyId))).toEqual(new Set(["AKID1"]))
      expect(Redacted.value(first[0]!.secretAccessKey)).toBe(SECRET)
      // 24 minutes in: 6 minutes left, more than the 5-minute margin.
      yield* TestClock.adjust(24 * MINUTE)
      expect((yield* credentials.get).accessKeyId).toBe("AKID1")
      // 26 minutes in: inside the margin, one refresh for everyone.
      yield* TestClock.adjust(2 * MINUTE)
      const second = yield* Effect.all(
        Array.from({ length: 20 }, () => credentials.get),
        { concurrency: "unbounded" }
      )
      expect(calls).toBe(2)
      expect(new Set(second.map((c) => c.accessKeyId))).toEqual(new Set(["AKID2"]))
    })
  )

  it.effect("a rejected provider, or one returning no keys, is a typed CredentialsError without secrets", () =>
    Effect.gen(function* () {
      const rejected = yield* Effect.flip(
        NodeCredentials.fromAwsSdk(async () => {
          const error = new Error("Could not load credentials from any providers")
          error.name = "CredentialsProviderError"
          throw error
        })
      )
      expect(rejected).toBeInstanceOf(Errors.CredentialsError)
      expect(rejected.source).toBe("AWS SDK provider")
      expect(rejected.reason).toBe("CredentialsProviderError: Could not load credentials from any providers")
      const noKey = yield* Effect.flip(
        NodeCredentials.fromAwsSdk(async () => ({ accessKeyId: "", secretAccessKey: SECRET }))
      )
      expect(noKey.reason).toBe("the provider returned no accessKeyId")
      expect(everythingShown(noKey)).not.toContain(SECRET)
      const badExpiry = yield* Effect.flip(
        NodeCredentials.fromAwsSdk(async () => ({
          accessKeyId: "A",
          secretAccessKey: SECRET,
          expiration: new Date(Number.NaN)
        }))
      )
      expect(badExpiry.reason).toBe("the provider returned an expiration that is not a valid Date")
    })
  )

  it.scoped("bridges the real fromIni, including a credential_process profile the built-in reader refuses", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const credentialsFile = Path.join(home, "credentials")
      const configFile = Path.join(home, "config")
      const script = Path.join(home, "print-credentials.cjs")
      write(
        script,
        `console.log(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROCESS", SecretAccessKey: "process-secret", SessionToken: "process-token", Expiration: "2099-01-01T00:00:00Z" }))\n`
      )
      write(configFile, `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n`)
      write(credentialsFile, "")
      const options = { filepath: credentialsFile, configFilepath: configFile, ignoreCache: true }
      const refused = yield* Effect.flip(
        NodeCredentials.fromProfile({ profile: "proc", credentialsFile, configFile }).pipe(
          Effect.provide(NodeFileSystem.layer)
        )
      )
      expect(refused.reason).toContain("runs a credential process")
      const bridged = yield* NodeCredentials.fromAwsSdk(fromIni({ ...options, profile: "proc" }))
      expect(bridged.accessKeyId).toBe("AKIDPROCESS")
      expect(Redacted.value(bridged.secretAccessKey)).toBe("process-secret")
      expect(bridged.sessionToken && Redacted.value(bridged.sessionToken)).toBe("process-token")
      expect(bridged.expiration?.toISOString()).toBe("2099-01-01T00:00:00.000Z")
    })
  )

  it.scoped("bridges the real fromNodeProviderChain (its environment pointed at temporary files)", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(Path.join(home, "c"), "[chain]\naws_access_key_id = AKIDNODECHAIN\naws_secret_access_key = s\n")
      // The AWS SDK reads process.env itself: point it at the temporary files, and put everything back after.
      const names = [
        "AWS_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY"
      ]
      const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]))
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => {
          for (const name of names) {
            if (saved[name] === undefined) delete process.env[name]
            else process.env[name] = saved[name]
          }
        })
      )
      for (const name of names) delete process.env[name]
      process.env.AWS_PROFILE = "chain"
      process.env.AWS_SHARED_CREDENTIALS_FILE = Path.join(home, "c")
      process.env.AWS_CONFIG_FILE = Path.join(home, "none")
      const provider = yield* Effect.provide(
        Credentials.Credentials,
        VoiceIdNode.layerCredentials({ credentials: fromNodeProviderChain() })
      )
      expect((yield* provider.get).accessKeyId).toBe("AKIDNODECHAIN")
    })
  )
})

// Profiles built from pieces the INI dialect treats specially: comments, spacing, CRLF, sub-sections, sections
// repeated across and within the files, typed and plain names.
const value = FastCheck.stringMatching(/^[A-Za-z0-9/+=#;]{1,12}$/)
const spacing = FastCheck.constantFrom("", " ", "  ", "\t")
const keyLine = (key: FastCheck.Arbitrary<string>) =>
  FastCheck.tuple(
    key,
    value,
    spacing,
    spacing,
    FastCheck.constantFrom("", " # note", " ; note", "#glued", ";glued")
  ).map(([name, v, before, after, comment]) => `${before}${name}${after}=${after}${v}${comment}`)
const otherLine = FastCheck.oneof(
  keyLine(FastCheck.constantFrom("region", "output", "aws_session_token")),
  FastCheck.constantFrom("# comment", "; comment", "", "   ", "no equals sign", "= no name", "s3 =", "  nested = 1")
)
// Each key of the pair is present four times in five, the lines in any order, with noise between them.
const section = (names: ReadonlyArray<string>) =>
  FastCheck.tuple(
    FastCheck.constantFrom(...names),
    FastCheck.option(keyLine(FastCheck.constant("aws_access_key_id")), { freq: 5, nil: undefined }),
    FastCheck.option(keyLine(FastCheck.constant("aws_secret_access_key")), { freq: 5, nil: undefined }),
    FastCheck.array(otherLine, { maxLength: 3 })
  )
    .chain(([name, id, secret, noise]) => {
      const lines = [id, secret, ...noise].filter((line): line is string => line !== undefined)
      return FastCheck.shuffledSubarray(lines, { minLength: lines.length }).map((shuffled) => [name, shuffled] as const)
    })
    .map(([name, lines]) => [`[${name}]`, ...lines].join("\n"))
const file = (names: ReadonlyArray<string>) =>
  FastCheck.tuple(FastCheck.array(section(names), { maxLength: 4 }), FastCheck.constantFrom("\n", "\r\n")).map(
    ([sections, newline]) => sections.join("\n").replaceAll("\n", newline)
  )

describe("the built-in profile reader against the AWS SDK's fromIni", () => {
  const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "voiceid-ini-vs-sdk-"))
  afterAll(() => Fs.rmSync(dir, { recursive: true, force: true }))
  let run = 0
  let resolved = 0

  it.effect.prop(
    "resolves the same static credentials from the same files, or fails where it fails",
    [
      file(["default", "dev", "profile dev", " dev "]),
      file(["default", "profile default", "profile dev", "dev", "sso-session dev"]),
      FastCheck.constantFrom("default", "dev")
    ],
    ([credentialsText, configText, profile]) =>
      Effect.gen(function* () {
        run++
        const credentialsFile = Path.join(dir, `credentials-${run}`)
        const configFile = Path.join(dir, `config-${run}`)
        Fs.writeFileSync(credentialsFile, credentialsText)
        Fs.writeFileSync(configFile, configText)
        const ours = yield* Effect.either(
          NodeCredentials.fromProfile({ profile, credentialsFile, configFile }).pipe(
            Effect.provide(NodeFileSystem.layer)
          )
        )
        const theirs = yield* Effect.either(
          NodeCredentials.fromAwsSdk(
            fromIni({ profile, filepath: credentialsFile, configFilepath: configFile, ignoreCache: true })
          )
        )
        const plain = (c: Credentials.AwsCredentials) => ({
          accessKeyId: c.accessKeyId,
          secretAccessKey: Redacted.value(c.secretAccessKey),
          sessionToken: c.sessionToken === undefined ? undefined : Redacted.value(c.sessionToken)
        })
        if (theirs._tag === "Right") {
          resolved++
          expect(ours._tag, ours._tag === "Left" ? ours.left.reason : "").toBe("Right")
          if (ours._tag === "Right") expect(plain(ours.right)).toEqual(plain(theirs.right))
        } else {
          expect(ours._tag).toBe("Left")
        }
      }).pipe(Effect.withConfigProvider(env({}))),
    { timeout: 60_000, fastCheck: { numRuns: 300 } }
  )

  it("resolved credentials in a good share of the generated cases (the comparison is not vacuous)", () => {
    expect(resolved).toBeGreaterThan(60)
  })
})
