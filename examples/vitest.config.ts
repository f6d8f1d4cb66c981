import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "examples",
    include: ["test/**/*.test.ts"],
    // The tests spy on console output and set AWS variables; both are put back after each test.
    restoreMocks: true,
    unstubEnvs: true
  }
})
