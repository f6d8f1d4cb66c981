import * as Command from "@effect/cli/Command"
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import * as Effect from "effect/Effect"
import { UsageError } from "../ExitCode.js"
import { clientOptions, type Global, globalOptions, merge } from "./global.js"

/** The handler of a command that only groups others: run bare, it says what to type instead. */
export const groupHandler = (path: string, subcommands: ReadonlyArray<string>) => () =>
  Effect.fail(
    new UsageError({
      message: `${path}: missing subcommand, one of: ${subcommands.join(", ")} (see ${path} --help)`
    })
  )

/** The top command, before its subcommands are attached: its parsed options are the global ones given first. */
export const root = Command.make(
  "voiceid",
  globalOptions,
  groupHandler("voiceid", [
    "enrollment-jobs",
    "fraudster-jobs",
    "domains",
    "speakers",
    "fraudsters",
    "watchlists",
    "emulator",
    "demo"
  ])
)

/** Runs `f` with the `VoiceId` service configured from the global options (command's first, then root's). */
export const withClient = <A, E, R>(global: Global, f: (voiceId: VoiceId.Service) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(root, (rootGlobal) =>
    Effect.flatMap(VoiceId, f).pipe(Effect.provide(VoiceIdNode.layer(clientOptions(merge(global, rootGlobal)))))
  )
