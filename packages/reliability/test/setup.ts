import { beforeEach } from "vitest"
import { markFailed } from "../src/Figures.js"

// A failed test keeps the run from writing RELIABILITY.md, even if every section was recorded.
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => markFailed(task.name))
})
