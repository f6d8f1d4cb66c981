/**
 * An in-process CPU profile of a window of a process's life, through `node:inspector`, so a profile of a client
 * covers its measured window only (not start-up and imports, which `node --cpu-prof` would include). Loaded only
 * when a profile is asked for.
 *
 * @since 0.1.0
 */
import { writeFile } from "node:fs/promises"

/**
 * A running profile: `stop` writes it as a `.cpuprofile` to the given file.
 *
 * @category models
 * @since 0.1.0
 */
export interface RunningProfile {
  readonly stop: () => Promise<void>
}

/**
 * Starts the V8 sampling profiler in this process.
 *
 * @category profiling
 * @since 0.1.0
 */
export const start = async (file: string): Promise<RunningProfile> => {
  const { Session } = await import("node:inspector")
  const session = new Session()
  session.connect()
  const post = <A>(method: string, params?: object) =>
    new Promise<A>((resolve, reject) =>
      session.post(method, params, (error, result) => (error === null ? resolve(result as A) : reject(error)))
    )
  await post("Profiler.enable")
  await post("Profiler.setSamplingInterval", { interval: 200 })
  await post("Profiler.start")
  return {
    stop: async () => {
      const { profile } = await post<{ profile: unknown }>("Profiler.stop")
      session.disconnect()
      await writeFile(file, JSON.stringify(profile))
    }
  }
}
