import { it, expect } from "@effect/vitest"
it("profile", () => { expect(process.env.RELIABILITY_PROFILE).toBeDefined(); console.log(process.env.RELIABILITY_PROFILE) })
