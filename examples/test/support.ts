import { format } from "node:util"
import { vi } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import { Effect } from "effect"

/**
 * Collects what the example prints (`Console.log` and `console.log` both end in `console.log`), instead of
 * printing it.
 */
export const captureConsole = () => {
  const out: Array<string> = []
  const err: Array<string> = []
  vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
    out.push(format(...args))
  })
  vi.spyOn(console, "error").mockImplementation((...args: Array<unknown>) => {
    err.push(format(...args))
  })
  return { out, err }
}

/**
 * The environment of a user pointing an example at an emulator: the emulator's keys and region, and nothing that
 * would send the example elsewhere (an endpoint, a profile) whatever the machine running the tests has set.
 */
export const useEmulatorEnvironment = () => {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "test")
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test")
  vi.stubEnv("AWS_REGION", "us-east-1")
  for (const name of [
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_VOICE_ID",
    "AWS_MAX_ATTEMPTS"
  ]) {
    vi.stubEnv(name, undefined)
  }
}

/** Seeds `count` jobs into a new domain and answers its id and the statuses seeded. */
export const seedDomain = (request: Parameters<Emulator.EmulatorService["seedJobs"]>[0]) =>
  Effect.flatMap(Emulator.Emulator, (running) => running.seedJobs(request))

/** Statuses with a count above zero, for comparison with what an example counted. */
export const nonZero = (counts: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0))
