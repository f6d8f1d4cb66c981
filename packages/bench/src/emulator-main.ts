/**
 * The emulator as its own process for the load phase: `node emulator-main.mjs [--profile FILE]` starts
 * `@effect-voiceid/emulator` with `startEmulator` on a free loopback port (signatures verified, default options),
 * prints `{"url", "pid"}` as one JSON line, and stops when its standard input closes. With `--profile`, a CPU profile
 * of its life after start-up is written to FILE when it stops.
 *
 * @since 0.1.0
 */
import { startEmulator } from "@effect-voiceid/emulator"

const profileAt = process.argv.indexOf("--profile")
const profileFile = profileAt === -1 ? undefined : process.argv[profileAt + 1]
const emulator = await startEmulator({ port: 0 })
// Imported only when asked for.
const profile = profileFile === undefined ? undefined : await (await import("./Profiler.js")).start(profileFile)
process.stdout.write(JSON.stringify({ url: emulator.url, pid: process.pid }) + "\n")
let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  Promise.resolve(profile?.stop())
    .then(() => emulator.close())
    .then(
      () => process.exit(0),
      () => process.exit(1)
    )
}
// Standard input closing means the parent is gone.
process.stdin.on("end", stop)
process.stdin.on("error", stop)
process.stdin.resume()
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
