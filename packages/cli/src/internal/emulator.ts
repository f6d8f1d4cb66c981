import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Faults } from "@effect-voiceid/emulator"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { err, out } from "./global.js"
import { groupHandler } from "./root.js"

const rate = (name: string, what: string) =>
  Options.float(name).pipe(
    Options.withSchema(Schema.Number.pipe(Schema.between(0, 1))),
    Options.withDescription(`Share of requests (0 to 1) answered ${what}.`),
    Options.optional
  )

/** The fault configuration of the flags, or `undefined` for none. */
export const faultConfig = (flags: {
  readonly throttleRate: Option.Option<number>
  readonly errorRate: Option.Option<number>
  readonly dropRate: Option.Option<number>
  readonly latencyMs: Option.Option<number>
}): Faults.FaultConfig | undefined => {
  const all: { throttle?: number; internalError?: number; drop?: number; latencyMs?: number } = {}
  if (Option.isSome(flags.throttleRate)) all.throttle = flags.throttleRate.value
  if (Option.isSome(flags.errorRate)) all.internalError = flags.errorRate.value
  if (Option.isSome(flags.dropRate)) all.drop = flags.dropRate.value
  if (Option.isSome(flags.latencyMs)) all.latencyMs = flags.latencyMs.value
  return Object.keys(all).length === 0 ? undefined : { all }
}

const describeFaults = (config: Faults.FaultConfig | undefined): string => {
  const all = config?.all
  if (all === undefined) return "none"
  const parts: Array<string> = []
  if (all.throttle !== undefined) parts.push(`throttling ${all.throttle * 100}%`)
  if (all.internalError !== undefined) parts.push(`internal errors ${all.internalError * 100}%`)
  if (all.drop !== undefined) parts.push(`dropped connections ${all.drop * 100}%`)
  if (all.latencyMs !== undefined) parts.push(`latency ${String(all.latencyMs)} ms`)
  return parts.join(", ")
}

const start = Command.make(
  "start",
  {
    port: Options.integer("port").pipe(
      Options.withDescription("TCP port; 0 picks a free one (default 4599)."),
      Options.withDefault(4599)
    ),
    host: Options.text("host").pipe(
      Options.withDescription("Interface to bind (default 127.0.0.1, this machine only)."),
      Options.withDefault("127.0.0.1")
    ),
    region: Options.text("region").pipe(
      Options.withDescription("Region to serve (default us-east-1)."),
      Options.optional
    ),
    dataDir: Options.directory("data-dir").pipe(
      Options.withDescription(
        "Folder standing in for S3: s3://bucket/key is <dir>/bucket/key (default: a temporary one)."
      ),
      Options.optional
    ),
    state: Options.file("state").pipe(
      Options.withDescription(
        "State file: loaded at start, saved before each write is acknowledged (default: memory)."
      ),
      Options.optional
    ),
    seed: Options.integer("seed").pipe(
      Options.withDescription("Seed of the fault decisions (default 1)."),
      Options.optional
    ),
    throttleRate: rate("throttle-rate", "ThrottlingException (HTTP 429)"),
    errorRate: rate("error-rate", "InternalServerException (HTTP 500)"),
    dropRate: rate("drop-rate", "by closing the connection"),
    latencyMs: Options.integer("latency-ms").pipe(
      Options.withSchema(Schema.Int.pipe(Schema.nonNegative())),
      Options.withDescription("Milliseconds added to every answer."),
      Options.optional
    ),
    seedJobs: Options.integer("seed-jobs").pipe(
      Options.withSchema(Schema.Int.pipe(Schema.positive())),
      Options.withDescription("Create a domain with this many speaker enrollment jobs across all five statuses."),
      Options.optional
    )
  },
  (flags) =>
    Effect.gen(function* () {
      // Loaded here, not at start-up: the other commands do not need the server.
      const { Emulator } = yield* Effect.promise(() => import("@effect-voiceid/emulator"))
      const faults = faultConfig(flags)
      const emulator = yield* Emulator.make({
        port: flags.port,
        host: flags.host,
        regions: Option.isSome(flags.region) ? [flags.region.value] : undefined,
        dataDir: Option.getOrUndefined(flags.dataDir),
        state: Option.getOrUndefined(flags.state),
        seed: Option.getOrUndefined(flags.seed),
        faults
      })
      const key = emulator.credentials.accessKeyId
      // The emulator's key pair is the well-known default (test/test): no secret of anyone's.
      const secret = Redacted.value(emulator.credentials.secretAccessKey)
      yield* out(
        [
          `Voice ID emulator listening on ${emulator.url}`,
          `  region:            ${emulator.regions.join(", ")}`,
          `  credentials:       access key ${key}, secret key ${secret}`,
          `  data folder (S3):  ${emulator.dataDir}`,
          `  state file:        ${Option.getOrElse(flags.state, () => "(in memory)")}`,
          `  faults:            ${describeFaults(faults)}`,
          `  control routes:    ${emulator.url}/__emulator/`,
          "",
          `export AWS_ACCESS_KEY_ID=${key} AWS_SECRET_ACCESS_KEY=${secret} AWS_REGION=${emulator.region} AWS_ENDPOINT_URL_VOICE_ID=${emulator.url}`,
          ""
        ].join("\n")
      )
      if (Option.isSome(flags.seedJobs)) {
        const seeded = yield* emulator.seedJobs({ count: flags.seedJobs.value, domainName: "seeded" })
        const mix = Object.entries(seeded.statuses)
          .map(([status, n]) => `${status} ${n}`)
          .join(", ")
        yield* out(`Seeded domain ${seeded.domainId} with ${seeded.count} enrollment jobs (${mix}).\n`)
      }
      yield* err("Press Ctrl-C to stop.")
      return yield* Effect.never
    }).pipe(Effect.scoped)
).pipe(
  Command.withDescription(
    "Run the local Voice ID emulator in the foreground: real wire protocol, SigV4 checks, jobs over a local folder standing in for S3, fault injection."
  )
)

/** `voiceid emulator`. */
export const emulator = Command.make("emulator", {}, groupHandler("voiceid emulator", ["start"])).pipe(
  Command.withDescription("The local Voice ID emulator."),
  Command.withSubcommands([start])
)
