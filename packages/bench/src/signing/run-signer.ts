/**
 * One signer in its own process: `node run-signer.mjs --signer KEY --ms DURATION [--warmup-ms W]`. Warms up, then
 * signs in a loop for DURATION ms and prints `{ signer, ops, ms, opsPerSec }`.
 *
 * @since 0.1.0
 */
import { signers } from "./Signers.js"

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const at = args.indexOf("--" + name)
  return at === -1 ? fallback : (args[at + 1] ?? fallback)
}
const key = option("signer", "")
const ms = Number(option("ms", "1000"))
const warmupMs = Number(option("warmup-ms", "200"))
const signer = signers.find((s) => s.key === key)
if (signer === undefined) {
  process.stderr.write("unknown signer " + key + "\n")
  process.exit(2)
}
const sign = signer.make()
const date = new Date("2026-05-01T12:00:00Z")

// Batches keep the clock out of the loop; the await is skipped for sync signers so they pay no microtask.
const loop = async (duration: number) => {
  let ops = 0
  const start = performance.now()
  let now = start
  while (now - start < duration) {
    for (let i = 0; i < 50; i++) {
      const signed = sign(date)
      if (typeof signed !== "string") await signed
    }
    ops += 50
    now = performance.now()
  }
  return { ops, ms: now - start }
}

await loop(warmupMs)
const { ops, ms: elapsed } = await loop(ms)
process.stdout.write(JSON.stringify({ signer: key, ops, ms: elapsed, opsPerSec: (ops / elapsed) * 1000 }) + "\n")
