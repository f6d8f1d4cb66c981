/**
 * The `voiceid` executable: runs the command line on `process.argv` and exits with its code (130 when
 * interrupted by Ctrl-C or SIGTERM).
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Cli from "./Cli.js"
import { ExitCode } from "./ExitCode.js"

// A reader that goes away (`voiceid ... | head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(ExitCode.Ok)
  throw error
})
// Progress and reports on a closed stderr are lost, but must not stop a listing or a running emulator.
process.stderr.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error
})

Cli.run(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit)) return onExit(exit.value as number)
      onExit(Cause.isInterruptedOnly(exit.cause) ? ExitCode.Interrupted : ExitCode.ServiceError)
    }
  })
)
