import * as Options from "@effect/cli/Options"
import type { VoiceIdNode } from "@effect-voiceid/node"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/** The options every command that calls the service accepts, before or after the command's name. */
export const globalOptions = {
  region: Options.text("region").pipe(
    Options.withDescription("AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, or the profile's region)."),
    Options.optional
  ),
  endpoint: Options.text("endpoint").pipe(
    Options.withDescription(
      "Voice ID endpoint URL, e.g. an emulator's http://127.0.0.1:4599 (default: AWS_ENDPOINT_URL_VOICE_ID, AWS_ENDPOINT_URL, else the region's)."
    ),
    Options.optional
  ),
  profile: Options.text("profile").pipe(
    Options.withDescription(
      "Profile of the shared AWS config files for credentials and region (default: AWS_PROFILE)."
    ),
    Options.optional
  ),
  maxAttempts: Options.integer("max-attempts").pipe(
    Options.withDescription("Attempts per request, retries included (default: AWS_MAX_ATTEMPTS, else 3)."),
    Options.optional
  )
}

/** The parsed global options. */
export interface Global {
  readonly region: Option.Option<string>
  readonly endpoint: Option.Option<string>
  readonly profile: Option.Option<string>
  readonly maxAttempts: Option.Option<number>
}

/** What a command gave wins over what came before the command's name. */
export const merge = (command: Global, root: Global): Global => ({
  region: Option.orElse(command.region, () => root.region),
  endpoint: Option.orElse(command.endpoint, () => root.endpoint),
  profile: Option.orElse(command.profile, () => root.profile),
  maxAttempts: Option.orElse(command.maxAttempts, () => root.maxAttempts)
})

/** The Node adapter's options: what was given; the rest comes from the environment and the profile. */
export const clientOptions = (global: Global): VoiceIdNode.Options => {
  const options: { -readonly [K in keyof VoiceIdNode.Options]: VoiceIdNode.Options[K] } = {}
  if (Option.isSome(global.region)) options.region = global.region.value
  if (Option.isSome(global.endpoint)) options.endpoint = global.endpoint.value
  if (Option.isSome(global.profile)) options.profile = global.profile.value
  if (Option.isSome(global.maxAttempts)) options.maxAttempts = global.maxAttempts.value
  return options
}

/** Writes to stdout. A page of output is one write, so an interruption never cuts an item in half. */
export const out = (text: string): Effect.Effect<void> =>
  Effect.sync(() => {
    if (text !== "") process.stdout.write(text)
  })

/** Writes a line to stderr. */
export const err = (line: string): Effect.Effect<void> =>
  Effect.sync(() => {
    process.stderr.write(`${line}\n`)
  })

/** `{ [key]: value }` when the option was given, `{}` otherwise: members left out rather than `undefined`. */
export const optional = <K extends string, A>(key: K, value: Option.Option<A>): { [P in K]?: A } =>
  (Option.isSome(value) ? { [key]: value.value } : {}) as { [P in K]?: A }
