import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "emulator",
    include: ["test/**/*.test.ts"],
    // Servers, child processes and fsyncs on a shared 2-core machine: generous limits, no timed assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
