import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { TestProject } from "vitest/node"
import { failures, folderVariable, readAll } from "../src/Figures.js"
import { missing, render } from "../src/Report.js"

const root = resolve(fileURLToPath(new URL("../../..", import.meta.url)))

/**
 * Creates the folder the tests record their sections in; after a full run with every section recorded, writes
 * RELIABILITY.md at the repository root.
 */
export default function setup(project: TestProject) {
  const profile = project.config.env?.RELIABILITY_PROFILE
  const startedAt = new Date()
  // A folder given in the environment is used and kept (to look at the figures of a quick run).
  const given = process.env[folderVariable]
  const folder = given !== undefined && given !== "" ? given : mkdtempSync(join(tmpdir(), "voiceid-reliability-"))
  process.env[folderVariable] = folder
  return () => {
    try {
      const sections = readAll(folder)
      if (profile !== "full") return
      const failed = failures(folder)
      if (failed.length > 0) {
        console.warn(`RELIABILITY.md not written: ${failed.length} test(s) failed (${failed.join("; ")}).`)
        return
      }
      const absent = missing(sections)
      if (absent.length > 0) {
        console.warn(`RELIABILITY.md not written: no figures for ${absent.join(", ")} (a test failed or was skipped).`)
        return
      }
      const report = render(sections, {
        command: "pnpm test:reliability   # = pnpm --filter @effect-voiceid/reliability test:full",
        startedAt,
        finishedAt: new Date(),
        root
      })
      writeFileSync(join(root, "RELIABILITY.md"), report)
      console.log(`RELIABILITY.md written (${sections.length} sections).`)
    } finally {
      if (folder !== given) rmSync(folder, { recursive: true, force: true })
    }
  }
}
