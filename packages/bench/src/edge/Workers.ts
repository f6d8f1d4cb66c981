/**
 * The edge Workers whose bundle sizes are compared, and the bundling: esbuild for the browser/worker conditions,
 * minified, ESM, then gzip at level 9 (what `gzip -9` does). Each bundle is also loaded and asked for one page
 * from the page server, so a size is only reported for a bundle that works.
 *
 * @since 0.1.0
 */
import { readFile } from "node:fs/promises"
import * as Path from "node:path"
import { pathToFileURL } from "node:url"
import * as Zlib from "node:zlib"
import * as esbuild from "esbuild"
import * as Build from "../Build.js"
import type { WorkerEnv } from "./Env.js"

/**
 * A Worker source.
 *
 * @category models
 * @since 0.1.0
 */
export interface WorkerEntry {
  readonly key: string
  readonly label: string
  /** Relative to the bench package. */
  readonly entry: string
}

/**
 * Key of the SDK v3 Worker, the reference of the edge-size target.
 *
 * @category references
 * @since 0.1.0
 */
export const officialKey = "sdk-v3"

/**
 * Key our Worker will have.
 *
 * @category references
 * @since 0.1.0
 */
export const oursKey = "effect-voiceid-edge"

/**
 * Every Worker measured.
 *
 * @category tables
 * @since 0.1.0
 */
export const workers: ReadonlyArray<WorkerEntry> = [
  { key: oursKey, label: "effect-voiceid (edge adapter)", entry: "../../examples/edge-worker/worker.ts" },
  { key: officialKey, label: "AWS SDK v3", entry: "src/edge/worker-sdk-v3.ts" },
  { key: "aws4fetch", label: "raw aws4fetch", entry: "src/edge/worker-aws4fetch.ts" }
]

/**
 * A measured Worker bundle.
 *
 * @category models
 * @since 0.1.0
 */
export interface WorkerSize {
  readonly key: string
  readonly label: string
  readonly minifiedBytes: number
  readonly gzipBytes: number
  /** Items the bundle returned when asked for one page (`undefined` when not checked). */
  readonly checkedItems: number | undefined
  /** Minified bytes in the bundle by package, largest first (esbuild's metafile). */
  readonly packages: ReadonlyArray<BundlePart>
  /** The largest source files in the bundle, largest first. */
  readonly files: ReadonlyArray<BundlePart>
}

/**
 * A share of a bundle: a package or a source file and the minified bytes it contributes.
 *
 * @category models
 * @since 0.1.0
 */
export interface BundlePart {
  readonly name: string
  readonly bytes: number
}

const largest = (bytes: Map<string, number>, count: number): ReadonlyArray<BundlePart> =>
  [...bytes]
    .map(([name, size]) => ({ name, bytes: size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count)

/**
 * Bundles one Worker, writes it into `outDir`, measures it, and (given a page server) runs it once.
 *
 * @category builders
 * @since 0.1.0
 */
export const measure = async (
  worker: WorkerEntry,
  outDir: string,
  check?: { readonly endpoint: string; readonly domainId: string }
): Promise<WorkerSize> => {
  const outfile = Path.join(outDir, worker.key + ".mjs")
  const built = await esbuild.build({
    entryPoints: [Path.resolve(Build.packageDir, worker.entry)],
    outfile,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    legalComments: "none",
    logLevel: "error",
    metafile: true
  })
  const byPackage = new Map<string, number>()
  const byFile = new Map<string, number>()
  for (const output of Object.values(built.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = Build.packageOf(input)
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
      const file = input.replace(/^.*node_modules\/(?!.*\/node_modules\/)/, "").replace(/^(\.\.\/)+/, "")
      byFile.set(file, (byFile.get(file) ?? 0) + bytesInOutput)
    }
  }
  const code = await readFile(outfile)
  const gzipBytes = Zlib.gzipSync(code, { level: 9 }).length
  let checkedItems: number | undefined
  if (check !== undefined) {
    const module = (await import(pathToFileURL(outfile).href + "?t=" + Date.now())) as {
      default: { fetch: (request: Request, env: WorkerEnv) => Promise<Response> }
    }
    const response = await module.default.fetch(new Request("https://worker.test/?domain=" + check.domainId), {
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: "us-east-1",
      VOICEID_ENDPOINT: check.endpoint + "/"
    })
    if (!response.ok)
      throw new Error(worker.key + " Worker answered " + response.status + ": " + (await response.text()))
    checkedItems = ((await response.json()) as ReadonlyArray<unknown>).length
  }
  return {
    key: worker.key,
    label: worker.label,
    minifiedBytes: code.length,
    gzipBytes,
    checkedItems,
    packages: largest(byPackage, 12),
    files: largest(byFile, 12)
  }
}
