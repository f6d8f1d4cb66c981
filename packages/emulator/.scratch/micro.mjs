import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"

const N = 100000
const bench = async (name, f) => {
  for (let i = 0; i < 2000; i++) f()
  await new Promise((r) => setTimeout(r, 10))
  const t0 = performance.now()
  let done = 0
  await new Promise((resolve) => {
    for (let i = 0; i < N; i++)
      f(() => {
        if (++done === N) resolve()
      })
  })
  console.log(name, (((performance.now() - t0) * 1000) / N).toFixed(2), "us/op")
}
await bench("runFork succeed", (cb) => {
  const f = Effect.runFork(Effect.sync(() => cb?.()))
})
await bench("runFork async", (cb) => {
  Effect.runFork(
    Effect.flatMap(
      Effect.async((r) => {
        queueMicrotask(() => r(Effect.void))
      }),
      () => Effect.sync(() => cb?.())
    )
  )
})
await bench("runFork scoped+uninterruptible", (cb) => {
  Effect.runFork(
    Effect.uninterruptible(
      Effect.scoped(
        Effect.catchAllCause(
          Effect.sync(() => cb?.()),
          () => Effect.void
        )
      )
    )
  )
})
