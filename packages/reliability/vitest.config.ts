import { defineProject } from "vitest/config"

// The profile: `quick` with the unit tests (`vitest run`), `full` with `vitest run --mode full` (or
// RELIABILITY_PROFILE=full), which also writes RELIABILITY.md at the repository root.
export default defineProject(({ mode }) => {
  const profile = process.env.RELIABILITY_PROFILE === "full" || mode === "full" ? "full" : "quick"
  return {
    test: {
      name: "reliability",
      include: ["test/**/*.test.ts"],
      env: { RELIABILITY_PROFILE: profile },
      globalSetup: ["./test/globalSetup.ts"],
      setupFiles: ["./test/setup.ts"],
      // The suites start servers and child processes and measure counts, never durations: generous limits only
      // keep a hung run from hanging CI.
      testTimeout: profile === "full" ? 1_800_000 : 120_000,
      hookTimeout: 120_000
    }
  }
})
