#!/usr/bin/env node
// The quick start's entry point: `npm start` / `npm test` (or the same with pnpm) on a machine with only Node 20.
// Ensures pnpm 10.34.9 (the version in `packageManager`), installs the locked dependencies, then runs a script.
import { spawnSync } from "node:child_process"

const PNPM = "10.34.9"
const script = process.argv[2]
if (script === undefined) {
  console.error("usage: node scripts/quick.mjs <script> [args...]")
  process.exit(2)
}

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: "inherit", shell: process.platform === "win32" })
  if (result.error) throw result.error
  return result.status ?? 1
}

const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" })
const pnpm = probe.status === 0 && probe.stdout.trim() === PNPM ? ["pnpm"] : ["npx", "--yes", `pnpm@${PNPM}`]
const exec = (args) => run(pnpm[0], [...pnpm.slice(1), ...args])

const installed = exec(["install", "--frozen-lockfile", "--reporter=silent"])
if (installed !== 0) process.exit(installed)
process.exit(exec(["run", script, ...process.argv.slice(3)]))
