import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Path from "node:path"
import * as Effect from "effect/Effect"
import { RuntimeError } from "../RuntimeError.js"

const require = createRequire(import.meta.url)

/** The npm packages carrying each binary, per platform (as their own install scripts name them). */
const platformPackages: Record<"bun" | "deno", Record<string, { readonly name: string; readonly file: string }>> = {
  bun: {
    "linux x64 glibc": { name: "@oven/bun-linux-x64", file: "bin/bun" },
    "linux x64 musl": { name: "@oven/bun-linux-x64-musl", file: "bin/bun" },
    "linux arm64 glibc": { name: "@oven/bun-linux-aarch64", file: "bin/bun" },
    "linux arm64 musl": { name: "@oven/bun-linux-aarch64-musl", file: "bin/bun" },
    "darwin x64": { name: "@oven/bun-darwin-x64", file: "bin/bun" },
    "darwin arm64": { name: "@oven/bun-darwin-aarch64", file: "bin/bun" }
  },
  deno: {
    "linux x64 glibc": { name: "@deno/linux-x64-glibc", file: "deno" },
    "linux arm64 glibc": { name: "@deno/linux-arm64-glibc", file: "deno" },
    "darwin x64": { name: "@deno/darwin-x64", file: "deno" },
    "darwin arm64": { name: "@deno/darwin-arm64", file: "deno" }
  }
}

const libc = (): string => {
  if (process.platform !== "linux") return ""
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
  return header?.glibcVersionRuntime === undefined ? " musl" : " glibc"
}

/** The placeholder the `bun` package ships before its postinstall moves the real binary in is a tiny script. */
const isBinary = (file: string): boolean => {
  try {
    const stat = Fs.statSync(file)
    return stat.isFile() && stat.size > 1024 * 1024
  } catch {
    return false
  }
}

const packageDir = (name: string, from: ReturnType<typeof createRequire>): string | undefined => {
  try {
    return Path.dirname(from.resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

/**
 * Finds the native binary of `bun` or `deno` installed as an npm package. The postinstall scripts (allowed in the
 * root `pnpm.onlyBuiltDependencies`) move or copy the binary of the platform package into the main package; when
 * they did not run, the binary is still in the platform package, an optional dependency of the main package.
 */
export const locate = (runtime: "bun" | "deno"): Effect.Effect<string, RuntimeError> =>
  Effect.suspend(() => {
    const fail = (detail: string) => Effect.fail(new RuntimeError({ runtime, reason: "NotInstalled", detail }))
    const main = packageDir(runtime, require)
    if (main === undefined) {
      return fail(`the npm package "${runtime}" is not installed; run pnpm install`)
    }
    const key = `${process.platform} ${process.arch}${libc()}`
    const platform = platformPackages[runtime][key]
    const candidates = [Path.join(main, runtime === "bun" ? "bin/bun.exe" : "deno")]
    if (platform !== undefined) {
      const dir = packageDir(platform.name, createRequire(Path.join(main, "package.json")))
      if (dir !== undefined) candidates.push(Path.join(dir, platform.file))
    }
    const found = candidates.find(isBinary)
    if (found !== undefined) return Effect.succeed(found)
    return fail(
      platform === undefined
        ? `no ${runtime} binary is published on npm for ${key}`
        : `the ${runtime} binary is missing: looked for ${candidates.join(" and ")}; the optional dependency ` +
            `${platform.name} was not installed (installed with --no-optional, or for another os/cpu)`
    )
  })
