/**
 * Child processes: each measured client run is a fresh `node` process; the page server is a long-lived one.
 *
 * @since 0.1.0
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as Readline from "node:readline"
import type { ClientResult } from "./clients/Harness.js"
import type { DomainSpec, ServedDomain } from "./PageServer.js"

/**
 * How a child process ended, with its output and its wall time from spawn to exit as seen by the parent.
 *
 * @category models
 * @since 0.1.0
 */
export interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly wallMs: number
}

/**
 * Runs `node [nodeArgs] file [args]` to completion.
 *
 * @category runners
 * @since 0.1.0
 */
export const runNode = (
  file: string,
  args: ReadonlyArray<string>,
  options: { readonly nodeArgs?: ReadonlyArray<string>; readonly timeoutMs?: number } = {}
): Promise<Finished> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...args], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    let exited: { code: number | null; signal: NodeJS.Signals | null; wallMs: number } | undefined
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs)
    // The wall time is taken at exit; the output may arrive a moment later, at close.
    child.on("exit", (code, signal) => {
      exited = { code, signal, wallMs: performance.now() - start }
    })
    child.on("error", reject)
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer)
      const end = exited ?? { code, signal, wallMs: performance.now() - start }
      resolve({ ...end, stdout, stderr })
    })
  })

/**
 * A client run: the JSON line it printed, its exit status and the parent's view of its wall time.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClientRun {
  readonly result: ClientResult
  readonly processWallMs: number
  readonly code: number | null
}

/**
 * Raised when a client process fails or miscounts: a benchmark of a wrong client is worthless, so the runner stops.
 *
 * @category errors
 * @since 0.1.0
 */
export class ClientRunError extends Error {
  override readonly name = "ClientRunError"
}

/**
 * Runs one client process over the given domains and checks it counted exactly.
 *
 * @category runners
 * @since 0.1.0
 */
export const runClient = async (
  file: string,
  options: {
    readonly endpoint: string
    readonly domains: ReadonlyArray<ServedDomain>
    readonly pageSize: number
    readonly sampleEvery?: number
    readonly gcSamples?: boolean
    /** Write a CPU profile of the measured window to this file. */
    readonly profile?: string
    /** Options for `node` itself (e.g. `--cpu-prof` to profile the whole process). */
    readonly nodeArgs?: ReadonlyArray<string>
    readonly timeoutMs?: number
  }
): Promise<ClientRun> => {
  const expected = options.domains.reduce((n, d) => n + d.jobs, 0)
  const checksum = options.domains.reduce((n, d) => n + d.checksum, 0)
  const args = [
    "--endpoint",
    options.endpoint,
    "--expect",
    String(expected),
    "--expect-checksum",
    String(checksum),
    "--domains",
    options.domains.map((d) => d.id).join(","),
    "--page-size",
    String(options.pageSize)
  ]
  if (options.sampleEvery !== undefined) args.push("--sample-every", String(options.sampleEvery))
  if (options.gcSamples === true) args.push("--gc-samples")
  if (options.profile !== undefined) args.push("--profile", options.profile)
  const finished = await runNode(file, args, {
    nodeArgs: [...(options.gcSamples === true ? ["--expose-gc"] : []), ...(options.nodeArgs ?? [])],
    timeoutMs: options.timeoutMs ?? 600_000
  })
  const line = finished.stdout.trim().split("\n").pop() ?? ""
  let result: ClientResult
  try {
    result = JSON.parse(line) as ClientResult
  } catch {
    throw new ClientRunError(
      `${file} printed no result (exit ${finished.code ?? finished.signal}):\n${finished.stderr.slice(-2000)}`
    )
  }
  if (finished.code !== 0 || !result.ok) {
    throw new ClientRunError(
      `${result.client} counted ${result.count} of ${result.expected} (checksum ${result.checksum}, expected ` +
        `${result.expectedChecksum}), exit ${finished.code}${result.error === undefined ? "" : ":\n" + result.error}`
    )
  }
  return { result, processWallMs: finished.wallMs, code: finished.code }
}

/**
 * A page server running in its own process.
 *
 * @category models
 * @since 0.1.0
 */
export interface ServerProcess {
  readonly url: string
  readonly pid: number
  readonly domains: ReadonlyArray<ServedDomain>
  readonly domain: (name: string) => ServedDomain
  readonly close: () => Promise<void>
}

/**
 * Starts the built `server-main.mjs` with the given domains and waits until it listens.
 *
 * @category runners
 * @since 0.1.0
 */
export const startServer = (
  file: string,
  config: { readonly domains: ReadonlyArray<DomainSpec>; readonly pageSize: number; readonly platform?: boolean }
): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [file, JSON.stringify(config)], {
      stdio: ["pipe", "pipe", "inherit"]
    })
    const lines = Readline.createInterface({ input: child.stdout! })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error("page server exited with " + code)))
    lines.once("line", (line) => {
      const ready = JSON.parse(line) as { url: string; pid: number; domains: ReadonlyArray<ServedDomain> }
      const byName = new Map(ready.domains.map((d) => [d.name, d]))
      resolve({
        url: ready.url,
        pid: ready.pid,
        domains: ready.domains,
        domain: (name) => {
          const domain = byName.get(name)
          if (domain === undefined) throw new Error("the page server has no domain " + name)
          return domain
        },
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.removeAllListeners("exit")
            child.once("exit", () => done())
            child.stdin!.end()
          })
      })
    })
  })

/**
 * A long-running process that announced itself with one JSON line on its standard output.
 *
 * @category models
 * @since 0.1.0
 */
export interface ListeningProcess<A> {
  readonly ready: A
  readonly pid: number
  /** Closes its standard input (the signal to stop) and waits for it to exit. */
  readonly close: () => Promise<void>
}

/**
 * Starts `node file ...args` and waits for the first line it prints, parsed as JSON (a server's URL, ...).
 *
 * @category running
 * @since 0.1.0
 */
export const startListening = <A>(
  file: string,
  args: ReadonlyArray<string> = [],
  options: { readonly nodeArgs?: ReadonlyArray<string> } = {}
): Promise<ListeningProcess<A>> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...args], {
      stdio: ["pipe", "pipe", "inherit"]
    })
    const lines = Readline.createInterface({ input: child.stdout! })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code} before it was ready`)))
    lines.once("line", (line) => {
      lines.close()
      child.stdout!.resume()
      resolve({
        ready: JSON.parse(line) as A,
        pid: child.pid!,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.removeAllListeners("exit")
            child.once("exit", () => done())
            child.stdin!.end()
          })
      })
    })
  })
