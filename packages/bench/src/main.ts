/**
 * `pnpm bench [options]`: see `Runner.parseArgs` (or `pnpm bench --help`).
 *
 * @since 0.1.0
 */
import * as Runner from "./Runner.js"

const args = process.argv.slice(2)
if (args.includes("--help")) {
  process.stdout.write(Runner.usage + "\n")
  process.exit(0)
}
let options: Runner.Options
try {
  options = Runner.parseArgs(args)
} catch (error) {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + "\n")
  process.exit(2)
}
try {
  await Runner.run(options)
} catch (error) {
  process.stderr.write((error instanceof Error ? (error.stack ?? error.message) : String(error)) + "\n")
  process.exit(1)
}
