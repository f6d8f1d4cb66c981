#!/usr/bin/env node
// `voiceid`. The package ships TypeScript sources. Running them through tsx's loader costs seconds at every start
// (each of the hundreds of modules of effect and @effect/cli passes through the loader thread), so the first run
// bundles them with esbuild into node_modules/.cache/voiceid/ and later runs load that one file, rebuilt when any
// of its inputs changes. Where the bundle cannot be built or written (a read-only install), or when
// VOICEID_NO_BUNDLE is set, the sources run through tsx as they are.
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

// Bump when the build options change, so that older bundles are rebuilt.
const BUNDLE_FORMAT = 1

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)))
const entry = join(packageDir, "src", "bin.ts")
const cacheDir = join(packageDir, "node_modules", ".cache", "voiceid")
const bundlePath = join(cacheDir, "voiceid.mjs")
const inputsPath = join(cacheDir, "inputs.json")

// What the bundle was built from: every input's path, size and modification time.
const fingerprint = (inputs) => {
  const hash = createHash("sha256").update(`${BUNDLE_FORMAT}\n`)
  for (const file of inputs) {
    const stat = statSync(file)
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`)
  }
  return hash.digest("hex")
}

const isFresh = () => {
  try {
    const { inputs, hash } = JSON.parse(readFileSync(inputsPath, "utf8"))
    return fingerprint(inputs) === hash && statSync(bundlePath).isFile()
  } catch {
    return false
  }
}

// Written to a temporary file and renamed, so that concurrent first runs never load a half-written bundle.
const writeAtomically = (path, contents) => {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, contents)
  renameSync(temporary, path)
}

const build = async () => {
  const esbuild = await import("esbuild")
  const result = await esbuild.build({
    absWorkingDir: packageDir,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Dependencies written as CommonJS call `require`, which an ES module does not have.
    banner: {
      js: 'import { createRequire as __voiceidRequire } from "node:module"; const require = __voiceidRequire(import.meta.url);'
    }
  })
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(packageDir, input))
  mkdirSync(cacheDir, { recursive: true })
  writeAtomically(bundlePath, result.outputFiles[0].contents)
  writeAtomically(inputsPath, JSON.stringify({ inputs, hash: fingerprint(inputs) }))
}

const runBundle = async () => {
  if (process.env.VOICEID_NO_BUNDLE) return false
  try {
    if (!isFresh()) await build()
  } catch {
    return false
  }
  await import(pathToFileURL(bundlePath).href)
  return true
}

if (!(await runBundle())) {
  const { register } = await import("tsx/esm/api")
  register()
  await import("../src/bin.ts")
}
