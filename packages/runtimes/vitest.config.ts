import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "runtimes",
    include: ["test/**/*.test.ts"]
  }
})
