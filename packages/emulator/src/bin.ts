/**
 * The `voiceid-emulator` command: starts an emulator with the options as flags, prints its URL and the
 * credentials to use, and runs until interrupted (Ctrl-C), saving the state file on the way out.
 *
 * @since 0.1.0
 */

import { readFileSync } from "node:fs"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { defaultKeyPair } from "./Auth.js"
import { Emulator, type EmulatorOptions, layer } from "./Emulator.js"
import { FaultConfig } from "./Faults.js"

const port = Options.integer("port").pipe(
  Options.withDefault(4599),
  Options.withDescription("TCP port (0 picks a free one).")
)
const host = Options.text("host").pipe(
  Options.withDefault("127.0.0.1"),
  Options.withDescription("Interface to bind (loopback unless told otherwise).")
)
const region = Options.text("region").pipe(
  Options.repeated,
  Options.withDescription("Region to serve (repeatable; the first is the default). Default us-east-1.")
)
const accountId = Options.text("account-id").pipe(Options.optional, Options.withDescription("Account id of ARNs."))
const accessKey = Options.text("access-key-id").pipe(
  Options.withDefault(defaultKeyPair.accessKeyId),
  Options.withDescription("Access key id accepted.")
)
const secretKey = Options.redacted("secret-access-key").pipe(
  Options.optional,
  Options.withDescription("Secret access key accepted (default 'test').")
)
const noAuth = Options.boolean("no-auth").pipe(Options.withDescription("Accept requests without verifying signatures."))
const seed = Options.integer("seed").pipe(Options.optional, Options.withDescription("Seed of fault decisions."))
const faults = Options.text("faults").pipe(
  Options.optional,
  Options.withDescription("Faults to inject: a JSON fault configuration, or @file with one.")
)
const dataDir = Options.directory("data-dir").pipe(
  Options.optional,
  Options.withDescription(
    "Folder standing in for S3 (s3://bucket/key is <dir>/bucket/key). Default: a temporary folder."
  )
)
const state = Options.file("state").pipe(
  Options.optional,
  Options.withDescription("State file: loaded at start, saved atomically before each write is acknowledged.")
)
const jobRate = Options.integer("job-rate").pipe(
  Options.optional,
  Options.withDescription("Manifest requests a job processes per second (default 200).")
)
const jobStartDelay = Options.integer("job-start-delay-ms").pipe(
  Options.optional,
  Options.withDescription("Milliseconds between a job's submission and its start (default 250).")
)
const maxBodyBytes = Options.integer("max-body-bytes").pipe(
  Options.optional,
  Options.withDescription("Largest request body accepted (default 1 MiB).")
)

const readFaults = (text: string): FaultConfig => {
  const json = text.startsWith("@") ? readFileSync(text.slice(1), "utf8") : text
  return Schema.decodeUnknownSync(Schema.parseJson(FaultConfig))(json)
}

const command = Command.make(
  "voiceid-emulator",
  {
    port,
    host,
    region,
    accountId,
    accessKey,
    secretKey,
    noAuth,
    seed,
    faults,
    dataDir,
    state,
    jobRate,
    jobStartDelay,
    maxBodyBytes
  },
  (flags) =>
    Effect.gen(function* () {
      const secret = Option.map(flags.secretKey, Redacted.value)
      const options: EmulatorOptions = {
        port: flags.port,
        host: flags.host,
        regions: flags.region.length > 0 ? flags.region : undefined,
        accountId: Option.getOrUndefined(flags.accountId),
        credentials: [
          {
            accessKeyId: flags.accessKey,
            secretAccessKey: Option.getOrElse(secret, () => defaultKeyPair.secretAccessKey)
          }
        ],
        verifySignatures: !flags.noAuth,
        seed: Option.getOrUndefined(flags.seed),
        faults: Option.getOrUndefined(Option.map(flags.faults, readFaults)),
        dataDir: Option.getOrUndefined(flags.dataDir),
        state: Option.getOrUndefined(flags.state),
        jobRequestsPerSecond: Option.getOrUndefined(flags.jobRate),
        jobStartDelay: Option.getOrUndefined(Option.map(flags.jobStartDelay, (ms) => `${ms} millis` as const)),
        maxBodyBytes: Option.getOrUndefined(flags.maxBodyBytes)
      }
      yield* Effect.gen(function* () {
        const emulator = yield* Emulator
        // The secret is printed only when it is the well-known default; one given on the command line is not echoed.
        const shownSecret = Option.isNone(secret) ? defaultKeyPair.secretAccessKey : "(as given)"
        yield* Console.log(
          [
            `Voice ID emulator listening on ${emulator.url}`,
            `  region(s):          ${emulator.regions.join(", ")}`,
            `  access key id:      ${emulator.credentials.accessKeyId}`,
            `  secret access key:  ${shownSecret}`,
            `  signatures:         ${flags.noAuth ? "not verified" : "verified (SigV4, service voiceid)"}`,
            `  data folder (S3):   ${emulator.dataDir}`,
            `  state file:         ${Option.getOrElse(flags.state, () => "(in memory)")}`,
            `  control routes:     ${emulator.url}/__emulator/`,
            "",
            `  AWS_ACCESS_KEY_ID=${emulator.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${shownSecret} AWS_REGION=${emulator.region} AWS_ENDPOINT_URL_VOICE_ID=${emulator.url}`
          ].join("\n")
        )
        return yield* Effect.never
      }).pipe(Effect.provide(layer(options)))
    })
)

const cli = Command.run(command, { name: "voiceid-emulator", version: "0.1.0" })

cli(process.argv).pipe(Effect.provide(Layer.mergeAll(NodeContext.layer)), NodeRuntime.runMain)
