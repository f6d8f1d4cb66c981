/**
 * Bundling for a runtime with esbuild, refusing Node-only code where the runtime has no Node.
 *
 * @since 0.1.0
 */
import * as Fs from "node:fs"
import { builtinModules } from "node:module"
import * as Path from "node:path"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as esbuild from "esbuild"

/**
 * Where a bundle will run. `worker` (Cloudflare workerd) and `deno` bundles must be free of Node-only code;
 * `bun` bundles may use Node built-ins, which Bun implements.
 *
 * @since 0.1.0
 * @category models
 */
export type Platform = "worker" | "bun" | "deno"

/**
 * One ES module holding the entry and everything it imports.
 *
 * @since 0.1.0
 * @category models
 */
export interface Bundle<P extends Platform = Platform> {
  readonly platform: P
  /** The entry file, absolute. */
  readonly entry: string
  readonly code: string
  /** Size of `code` in bytes (UTF-8). */
  readonly bytes: number
  /** The files that put code into the bundle, relative to the working directory. */
  readonly inputs: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface BundleOptions<P extends Platform> {
  readonly platform: P
  readonly minify?: boolean
  /** Resolves the entry and names the inputs relative to this directory (default: the current directory). */
  readonly cwd?: string
}

/**
 * esbuild refused to build the bundle (a syntax error, an import that does not resolve, ...).
 *
 * @since 0.1.0
 * @category errors
 */
export class BundleError extends Schema.TaggedError<BundleError>()("BundleError", {
  entry: Schema.String,
  platform: Schema.String,
  errors: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `esbuild could not bundle ${this.entry} for ${this.platform}:\n  ${this.errors.join("\n  ")}`
  }
}

/**
 * One piece of Node-only code found in a bundle: the file (with its line when known) and what it uses.
 *
 * @since 0.1.0
 * @category models
 */
export const Violation = Schema.Struct({
  file: Schema.String,
  found: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type Violation = typeof Violation.Type

/**
 * A `worker` or `deno` bundle would contain Node-only code: an import of a Node built-in (`node:*` or a bare
 * built-in name such as `fs` or `buffer`) anywhere, or a use of the Node globals `process` / `Buffer`.
 *
 * @since 0.1.0
 * @category errors
 */
export class NodeOnlyError extends Schema.TaggedError<NodeOnlyError>()("NodeOnlyError", {
  entry: Schema.String,
  platform: Schema.String,
  violations: Schema.Array(Violation)
}) {
  override get message(): string {
    const lines = this.violations.map((v) => `${v.file}: ${v.found}`)
    return `the ${this.platform} bundle of ${this.entry} would contain Node-only code:\n  ${lines.join("\n  ")}`
  }
}

const PLUGIN = "effect-voiceid-no-node-only"

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")

/** Every Node built-in, by its `node:` name or by its bare name (`fs`, `fs/promises`, `buffer`, ...). */
const nodeBuiltin = new RegExp(`^(?:node:.*|${builtinModules.map(escapeRegExp).join("|")})$`)

const refuseNodeBuiltins: esbuild.Plugin = {
  name: PLUGIN,
  setup(build) {
    build.onResolve({ filter: nodeBuiltin }, (args) => ({
      errors: [{ text: `imports the Node built-in "${args.path}"` }]
    }))
  }
}

/** The Node globals refused, under every spelling that reaches the global object. */
const nodeGlobals = ["process", "Buffer"] as const
const sentinel = (name: string): string => `__effect_voiceid_node_only_${name}__`
const globalsDefine: Record<string, string> = Object.fromEntries(
  nodeGlobals.flatMap((name) => [
    [name, sentinel(name)],
    [`globalThis.${name}`, sentinel(name)]
  ])
)

const loaderOf = (file: string): esbuild.Loader => {
  const ext = Path.extname(file)
  return ext === ".ts" || ext === ".mts" || ext === ".cts"
    ? "ts"
    : ext === ".tsx"
      ? "tsx"
      : ext === ".jsx"
        ? "jsx"
        : "js"
}

/**
 * Finds uses of `process` / `Buffer` as globals, with esbuild's own scope analysis: its `define` replaces only
 * identifiers bound to nothing in the file, so a local variable named `process` is left alone.
 *
 * Our own code (anything outside `node_modules`) may not use them at all. A dependency may, when the file
 * feature-detects them (`typeof process === "object"`, `globalThis.process?.`): effect does this, and the runtime
 * runs catch a dependency whose detection is wrong. A dependency that uses them without ever testing for them is
 * refused.
 */
const findNodeGlobals = async (
  cwd: string,
  inputs: ReadonlyArray<string>,
  define: Record<string, string>
): Promise<Array<Violation>> => {
  const inFile = async (input: string): Promise<Array<Violation>> => {
    const file = Path.resolve(cwd, input)
    if (!Fs.existsSync(file)) return []
    const source = await Fs.promises.readFile(file, "utf8")
    if (!/\b(?:process|Buffer)\b/.test(source)) return []
    const { code } = await esbuild.transform(source, {
      loader: loaderOf(file),
      define: { ...globalsDefine, ...define },
      sourcefile: input
    })
    const ownCode = !input.split(/[\\/]/).includes("node_modules")
    return nodeGlobals.flatMap((name) => {
      const mark = sentinel(name)
      if (!code.includes(mark)) return []
      const guarded = code.includes(`typeof ${mark}`) || code.includes(`${mark}?.`)
      if (!ownCode && guarded) return []
      const line = code.split("\n").find((text) => text.includes(mark)) ?? ""
      const snippet = line.trim().replaceAll(mark, name).slice(0, 120)
      return [
        {
          file: input,
          found: `uses the Node global "${name}"${ownCode ? "" : " without testing for it"}: ${snippet}`
        }
      ]
    })
  }
  // esbuild transforms in parallel in its own process; the order of the result follows `inputs`.
  return (await Promise.all(inputs.map(inFile))).flat()
}

const settings = (platform: Platform, minify: boolean) => {
  const nodeEnv = { "process.env.NODE_ENV": JSON.stringify(minify ? "production" : "development") }
  switch (platform) {
    case "worker":
      return { platform: "browser", conditions: ["workerd", "worker", "browser"], define: nodeEnv } as const
    case "deno":
      return { platform: "browser", conditions: ["deno", "worker", "browser"], define: nodeEnv } as const
    case "bun":
      return { platform: "node", conditions: ["bun"], define: {} } as const
  }
}

const messageText = (message: esbuild.Message): string => {
  const where = message.location === null ? "" : `${message.location.file}:${message.location.line}: `
  return `${where}${message.text}`
}

const isBuildFailure = (error: unknown): error is esbuild.BuildFailure =>
  typeof error === "object" && error !== null && "errors" in error && Array.isArray(error.errors)

/**
 * Bundles `entry` and everything it imports into one ES module for `platform`, with esbuild. For `worker` and
 * `deno` bundles, any Node-only code fails the bundle with a `NodeOnlyError` that names each file and what it
 * uses.
 *
 * @since 0.1.0
 * @category constructors
 */
export const bundle = <P extends Platform>(
  entry: string,
  options: BundleOptions<P>
): Effect.Effect<Bundle<P>, BundleError | NodeOnlyError> =>
  Effect.gen(function* () {
    const cwd = options.cwd ?? process.cwd()
    const absolute = Path.resolve(cwd, entry)
    const minify = options.minify ?? false
    const target = settings(options.platform, minify)
    const nodeFree = options.platform !== "bun"
    const refused = (errors: ReadonlyArray<esbuild.Message>, violations: ReadonlyArray<Violation> = []) => {
      const fromPlugin = errors.filter((message) => message.pluginName === PLUGIN)
      const nodeOnly = [
        ...fromPlugin.map((message) => ({
          file: message.location === null ? absolute : `${message.location.file}:${message.location.line}`,
          found: message.text
        })),
        ...violations
      ]
      return nodeOnly.length > 0
        ? new NodeOnlyError({ entry, platform: options.platform, violations: nodeOnly })
        : new BundleError({ entry, platform: options.platform, errors: errors.map(messageText) })
    }
    const result = yield* Effect.tryPromise({
      try: () =>
        esbuild.build({
          entryPoints: [absolute],
          absWorkingDir: cwd,
          bundle: true,
          write: false,
          format: "esm",
          target: "es2022",
          platform: target.platform,
          conditions: [...target.conditions],
          define: target.define,
          minify,
          metafile: true,
          logLevel: "silent",
          plugins: nodeFree ? [refuseNodeBuiltins] : []
        }),
      catch: (error) =>
        isBuildFailure(error)
          ? refused(error.errors)
          : new BundleError({ entry, platform: options.platform, errors: [String(error)] })
    })
    const output = result.outputFiles[0]
    const meta = Object.values(result.metafile.outputs)[0]
    if (output === undefined || meta === undefined) {
      return yield* new BundleError({ entry, platform: options.platform, errors: ["esbuild produced no output"] })
    }
    const inputs = Object.entries(meta.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file)
    if (nodeFree) {
      const violations = yield* Effect.tryPromise({
        try: () => findNodeGlobals(cwd, inputs, target.define),
        catch: (error) =>
          isBuildFailure(error)
            ? refused(error.errors)
            : new BundleError({ entry, platform: options.platform, errors: [String(error)] })
      })
      if (violations.length > 0) return yield* refused([], violations)
    }
    return {
      platform: options.platform,
      entry: absolute,
      code: output.text,
      bytes: output.contents.byteLength,
      inputs
    }
  })
