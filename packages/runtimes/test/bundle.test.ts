import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Bundle } from "../src/index.js"

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname
const cwd = new URL("..", import.meta.url).pathname

/** A directory with a fake dependency under `node_modules`, removed afterwards. */
const withDependency = (source: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "runtimes-bundle-"))
      Fs.mkdirSync(Path.join(dir, "node_modules", "dep"), { recursive: true })
      Fs.writeFileSync(Path.join(dir, "node_modules", "dep", "package.json"), '{"name":"dep","main":"index.js"}')
      Fs.writeFileSync(Path.join(dir, "node_modules", "dep", "index.js"), source)
      Fs.writeFileSync(Path.join(dir, "entry.js"), 'import { f } from "dep"\nexport default { fetch: () => f() }\n')
      return dir
    }),
    (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
  )

describe("bundle", () => {
  it.effect("an effect program bundles for every platform; effect's feature detection of process is allowed", () =>
    Effect.gen(function* () {
      for (const platform of ["worker", "deno", "bun"] as const) {
        const bundle = yield* Bundle.bundle(fixture("program.ts"), { platform, cwd })
        expect(bundle.platform).toBe(platform)
        expect(bundle.code).toContain("paginateChunkEffect")
        // effect's clock reads process.hrtime when `typeof process === "object"`: in the bundle, and accepted.
        expect(bundle.inputs.some((input) => input.endsWith("effect/dist/esm/internal/clock.js"))).toBe(true)
        expect(bundle.inputs).toContain("test/fixtures/program.ts")
      }
    })
  )

  it.effect("a Worker importing node:fs is refused, naming the file and line", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Bundle.bundle(fixture("uses-node-fs.ts"), { platform: "worker", cwd }))
      expect(error._tag).toBe("NodeOnlyError")
      if (error._tag !== "NodeOnlyError") return
      expect(error.violations).toEqual([
        { file: "test/fixtures/uses-node-fs.ts:1", found: 'imports the Node built-in "node:fs"' }
      ])
      expect(error.message).toContain('test/fixtures/uses-node-fs.ts:1: imports the Node built-in "node:fs"')
    })
  )

  it.effect("Deno bundles are checked too; a bare built-in name imported further down is found", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Bundle.bundle(fixture("uses-bare-builtin.ts"), { platform: "deno", cwd }))
      expect(error._tag).toBe("NodeOnlyError")
      if (error._tag !== "NodeOnlyError") return
      expect(error.violations).toEqual([
        { file: "test/fixtures/imports-buffer-module.ts:2", found: 'imports the Node built-in "buffer"' }
      ])
    })
  )

  it.effect("Bun bundles may import Node built-ins, which Bun implements", () =>
    Effect.gen(function* () {
      const bundle = yield* Bundle.bundle(fixture("uses-node-fs.ts"), { platform: "bun", cwd })
      expect(bundle.code).toMatch(/from "node:fs"/)
    })
  )

  it.effect("our own code may not use the Node globals Buffer and process, under any spelling", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Bundle.bundle(fixture("uses-node-globals.ts"), { platform: "worker", cwd }))
      expect(error._tag).toBe("NodeOnlyError")
      if (error._tag !== "NodeOnlyError") return
      expect(error.violations.map((v) => [v.file, v.found.split(":")[0]])).toEqual([
        ["test/fixtures/uses-node-globals.ts", 'uses the Node global "process"'],
        ["test/fixtures/uses-node-globals.ts", 'uses the Node global "Buffer"']
      ])
    })
  )

  it.effect("a local variable or a property with those names is not a Node global", () =>
    Effect.gen(function* () {
      const bundle = yield* Bundle.bundle(fixture("local-names.ts"), { platform: "worker", cwd })
      expect(bundle.inputs).toEqual(["test/fixtures/local-names.ts"])
    })
  )

  it.scoped("a dependency using Buffer without testing for it is refused; one that tests for it is not", () =>
    Effect.gen(function* () {
      const unguarded = yield* withDependency('export const f = () => new Response(Buffer.from("x").toString("hex"))\n')
      const error = yield* Effect.flip(Bundle.bundle("entry.js", { platform: "worker", cwd: unguarded }))
      expect(error._tag).toBe("NodeOnlyError")
      if (error._tag !== "NodeOnlyError") return
      expect(error.violations).toHaveLength(1)
      expect(error.violations[0]?.file).toBe("node_modules/dep/index.js")
      expect(error.violations[0]?.found).toMatch(/^uses the Node global "Buffer" without testing for it: /)

      const guarded = yield* withDependency(
        'export const f = () => new Response(typeof Buffer === "function" ? Buffer.from("x").toString("hex") : "78")\n'
      )
      const bundle = yield* Bundle.bundle("entry.js", { platform: "worker", cwd: guarded })
      expect(bundle.inputs).toEqual(["node_modules/dep/index.js", "entry.js"])
    })
  )

  it.effect("a build error is a BundleError with esbuild's message", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Bundle.bundle(fixture("does-not-exist.ts"), { platform: "worker", cwd }))
      expect(error._tag).toBe("BundleError")
      expect(error.message).toContain("does-not-exist.ts")
    })
  )
})
