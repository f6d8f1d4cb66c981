import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"

// The first run of the bin bundles the sources (a few seconds); doing it once here keeps the test files, which run
// in parallel, from each building the same bundle.
export default function setup(): void {
  const bin = fileURLToPath(new URL("../bin/voiceid.js", import.meta.url))
  const result = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" })
  if (result.status !== 0) throw new Error(`voiceid --version failed: ${result.stderr}`)
}
