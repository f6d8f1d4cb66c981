import { Persister, writeAtomic } from "../src/internal/persist.js"

await writeAtomic("/tmp/vstate/x.json", "{}").then(
  () => console.log("ok"),
  (e) => console.log("err", e)
)
const p = new Persister("/tmp/vstate/y.json", () => ({ version: 1, data: () => "{}" }))
await p.flush().then(
  () => console.log("flush ok"),
  (e) => console.log("flush err", e)
)
