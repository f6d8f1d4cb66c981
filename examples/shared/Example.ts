/**
 * What the examples share: their command line and where they run.
 *
 * An example talks to the endpoint named by `--endpoint` (else `AWS_ENDPOINT_URL_VOICE_ID`, else
 * `AWS_ENDPOINT_URL`), with the region and credentials of the usual AWS environment (`AWS_REGION`,
 * `AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, ...). When no endpoint is named, it starts a Voice ID emulator inside the
 * process, prepares what the example needs there (a domain with jobs, a manifest, ...), and stops it at the end.
 *
 * @since 0.1.0
 */
import { realpathSync } from "node:fs"
import { pathToFileURL } from "node:url"
import { type ParseArgsConfig, parseArgs } from "node:util"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Emulator } from "@effect-voiceid/emulator"
import type { VoiceIdNode } from "@effect-voiceid/node"
import { Config, type ConfigError, Console, Effect, Option, Schema, type Scope } from "effect"

/**
 * The command line was wrong: an unknown flag, a missing value, a number that is not one.
 *
 * @category errors
 * @since 0.1.0
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", { message: Schema.String }) {}

type Flags = NonNullable<ParseArgsConfig["options"]>

/**
 * The flags every example takes.
 *
 * @category command line
 * @since 0.1.0
 */
export const commonFlags = {
  /** The Voice ID endpoint; without it (and without `AWS_ENDPOINT_URL_VOICE_ID` / `AWS_ENDPOINT_URL`), an emulator. */
  endpoint: { type: "string" },
  /** The region (else `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's). */
  region: { type: "string" }
} as const satisfies Flags

/**
 * The values of parsed flags: a string (or boolean, or an array for `multiple`) per flag, `undefined` when absent.
 *
 * @category command line
 * @since 0.1.0
 */
export type Values<F extends Flags> = ReturnType<typeof parseArgs<{ options: F; strict: true }>>["values"]

/**
 * Parses an example's command line: the {@link commonFlags} and the example's own.
 *
 * @category command line
 * @since 0.1.0
 */
export const parse = <const F extends Flags>(
  argv: ReadonlyArray<string>,
  flags: F
): Effect.Effect<Values<typeof commonFlags & F>, UsageError> =>
  Effect.try({
    try: () => parseArgs({ args: [...argv], options: { ...commonFlags, ...flags }, strict: true }).values,
    catch: (error) => new UsageError({ message: error instanceof Error ? error.message : String(error) })
  })

/**
 * A flag's value as a positive integer, or `fallback` when the flag is absent.
 *
 * @category command line
 * @since 0.1.0
 */
export const positiveInt = (
  value: string | undefined,
  flag: string,
  fallback: number
): Effect.Effect<number, UsageError> => {
  if (value === undefined) return Effect.succeed(fallback)
  const parsed = Number(value)
  return Number.isInteger(parsed) && parsed > 0
    ? Effect.succeed(parsed)
    : Effect.fail(new UsageError({ message: `--${flag} must be a positive integer, not "${value}"` }))
}

/**
 * Where an example runs.
 *
 * @category models
 * @since 0.1.0
 */
export interface Target {
  /** What to give `VoiceIdNode.layer`: the endpoint, the region, and the emulator's credentials when it runs here. */
  readonly client: VoiceIdNode.Options
  /** The emulator this run started, when no endpoint was named. */
  readonly emulator: Emulator.EmulatorService | undefined
}

const endpointFromEnvironment = Config.option(
  Config.orElse(Config.nonEmptyString("AWS_ENDPOINT_URL_VOICE_ID"), () => Config.nonEmptyString("AWS_ENDPOINT_URL"))
)

/**
 * The endpoint named on the command line or in the environment; else an emulator started in the current scope
 * (and stopped when it closes), serving the `--region` if one is given.
 *
 * @category target
 * @since 0.1.0
 */
export const target = (
  flags: { readonly endpoint?: string | undefined; readonly region?: string | undefined },
  emulatorOptions: Emulator.EmulatorOptions = {}
): Effect.Effect<Target, Emulator.EmulatorError | ConfigError.ConfigError, Scope.Scope> =>
  Effect.gen(function* () {
    const region = flags.region
    const named = flags.endpoint ?? Option.getOrUndefined(yield* endpointFromEnvironment)
    if (named !== undefined) {
      return { client: region === undefined ? { endpoint: named } : { endpoint: named, region }, emulator: undefined }
    }
    const emulator = yield* Emulator.make(
      region === undefined ? emulatorOptions : { ...emulatorOptions, regions: [region] }
    )
    // Diagnostics go to stderr: stdout is the example's output.
    yield* Console.error(`Started a Voice ID emulator at ${emulator.url} (give --endpoint to use another endpoint)`)
    return {
      client: { endpoint: emulator.url, region: emulator.region, credentials: emulator.credentials },
      emulator
    }
  })

/**
 * A flag's value; when it is absent, what `prepare` makes on the emulator this run started. Absent with a named
 * endpoint, it is a {@link UsageError}: the example cannot invent a resource on someone else's service.
 *
 * @category target
 * @since 0.1.0
 */
export const orPrepare = <A, E, R>(
  value: A | undefined,
  flag: string,
  target: Target,
  prepare: (emulator: Emulator.EmulatorService) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | UsageError, R> => {
  if (value !== undefined) return Effect.succeed(value)
  if (target.emulator !== undefined) return prepare(target.emulator)
  return Effect.fail(new UsageError({ message: `--${flag} is required when an endpoint is given` }))
}

/**
 * Whether the module of `meta` is the program Node was started with (`tsx stream-jobs.ts`), rather than a module
 * imported by another (the tests).
 *
 * @category running
 * @since 0.1.0
 */
export const isMain = (meta: ImportMeta): boolean => {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return meta.url === pathToFileURL(realpathSync(script)).href
  } catch {
    return false
  }
}

/**
 * When the module is the program Node was started with, runs `main` with the process's arguments; `--help`
 * prints `usage`. A {@link UsageError} prints its message and the usage and exits with status 2; any other failure
 * is printed and exits with status 1; Ctrl-C interrupts the program, which stops what it started.
 *
 * @category running
 * @since 0.1.0
 */
export const runMain = <A, E>(
  meta: ImportMeta,
  usage: string,
  main: (argv: ReadonlyArray<string>) => Effect.Effect<A, E>
): void => {
  if (!isMain(meta)) return
  const argv = process.argv.slice(2)
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(`Usage: ${usage}`)
    return
  }
  NodeRuntime.runMain(
    main(argv).pipe(
      Effect.catchIf(
        (error): error is Extract<E, UsageError> => error instanceof UsageError,
        (error) =>
          Effect.zipRight(
            Console.error(`${error.message}\nUsage: ${usage}`),
            Effect.sync(() => {
              process.exitCode = 2
            })
          )
      )
    )
  )
}
