/**
 * Turns the TypeScript entry points into plain `.mjs` files that `node` runs without a loader, so no measured
 * process pays for a TypeScript transform.
 *
 * Two shapes:
 * - `installed`: the entry and workspace packages (`@effect-voiceid/*`) are bundled; every other package stays an
 *   import of the installed copy, so start-up loads them from `node_modules` the way an application would.
 * - `bundled`: everything in one file (what a user who bundles their Node app ships).
 *
 * @since 0.1.0
 */
import * as Path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as esbuild from "esbuild"

/**
 * The bench package's directory.
 *
 * @category paths
 * @since 0.1.0
 */
export const packageDir = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..")

/**
 * How dependencies are laid out in a built entry.
 *
 * @category models
 * @since 0.1.0
 */
export type Mode = "installed" | "bundled"

// ESM output of CommonJS dependencies needs a `require` for Node built-ins.
const requireBanner =
  'import { createRequire as __benchCreateRequire } from "node:module";\n' +
  "const require = __benchCreateRequire(import.meta.url);"

/**
 * Keeps every package but the workspace's own outside the bundle, imported by the absolute URL of the file Node
 * would load, so the output runs from any directory (a workspace package's dependencies are not visible from
 * here by name).
 */
const externalPackages: esbuild.Plugin = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("node:") || args.pluginData === "external-packages") return undefined
      if (args.path.startsWith("@effect-voiceid/")) return undefined
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "external-packages"
      })
      if (resolved.errors.length > 0 || resolved.external) return { path: args.path, external: true }
      return { path: pathToFileURL(resolved.path).href, external: true }
    })
  }
}

/**
 * Builds each entry (name → source path, relative to the bench package) into `dist/<mode>/<name>.mjs` and
 * returns name → absolute output path.
 *
 * @category builders
 * @since 0.1.0
 */
export const build = async (
  entries: Readonly<Record<string, string>>,
  mode: Mode,
  outDir: string = Path.join(packageDir, "dist", mode)
): Promise<Record<string, string>> => {
  await esbuild.build({
    entryPoints: Object.entries(entries).map(([out, source]) => ({ in: Path.resolve(packageDir, source), out })),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    ...(mode === "bundled" ? { banner: { js: requireBanner } } : {}),
    legalComments: "none",
    logLevel: "error",
    plugins: mode === "installed" ? [externalPackages] : []
  })
  return Object.fromEntries(Object.keys(entries).map((name) => [name, Path.join(outDir, name + ".mjs")]))
}

/**
 * Which package a bundled input belongs to: the npm package for `node_modules` paths (pnpm's layout included),
 * `@effect-voiceid/<name>` for the workspace's packages, else the input's first folder.
 *
 * @category composition
 * @since 0.1.0
 */
export const packageOf = (input: string): string => {
  const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(input)
  if (inModules !== null) return inModules[1]!
  // esbuild names inputs relative to the working directory: make them absolute to see which package holds them.
  const absolute = Path.resolve(input)
  const workspace = /\/packages\/([^/]+)\//.exec(absolute)
  if (workspace !== null) return "@effect-voiceid/" + workspace[1]
  const root = Path.resolve(packageDir, "..", "..")
  return Path.relative(root, absolute).split(Path.sep)[0] ?? input
}

/**
 * What one entry's single-file bundle is made of: per package, the number of source files and the bytes of
 * JavaScript they put in the bundle (unminified, as the cold start's bundled column runs it).
 *
 * @category models
 * @since 0.1.0
 */
export interface Composition {
  readonly files: number
  readonly bytes: number
  readonly packages: ReadonlyArray<{ readonly name: string; readonly files: number; readonly bytes: number }>
}

/**
 * The composition of each entry's single-file bundle (built in memory, as `build` builds the `bundled` shape):
 * what a process starting from that entry has to load, parse and compile.
 *
 * @category composition
 * @since 0.1.0
 */
export const composition = async (entries: Readonly<Record<string, string>>): Promise<Record<string, Composition>> => {
  const out: Record<string, Composition> = {}
  for (const [name, source] of Object.entries(entries)) {
    const built = await esbuild.build({
      entryPoints: [Path.resolve(packageDir, source)],
      outfile: "out.mjs",
      write: false,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      banner: { js: requireBanner },
      legalComments: "none",
      logLevel: "error",
      metafile: true
    })
    const byPackage = new Map<string, { files: number; bytes: number }>()
    let files = 0
    let bytes = 0
    for (const output of Object.values(built.metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (bytesInOutput === 0) continue
        const entry = byPackage.get(packageOf(input)) ?? { files: 0, bytes: 0 }
        entry.files++
        entry.bytes += bytesInOutput
        byPackage.set(packageOf(input), entry)
        files++
        bytes += bytesInOutput
      }
    }
    out[name] = {
      files,
      bytes,
      packages: [...byPackage]
        .map(([pkg, e]) => ({ name: pkg, files: e.files, bytes: e.bytes }))
        .sort((a, b) => b.bytes - a.bytes)
    }
  }
  return out
}
