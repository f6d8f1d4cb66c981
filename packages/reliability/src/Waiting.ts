/**
 * Waiting on the machine's clock from tests that run on a `TestClock`: the network and child processes move in
 * real time, the client's schedules in test time. Every wait is bounded, so a broken run fails instead of hanging.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * Sleeps `ms` milliseconds of real time, whatever clock the fiber has.
 *
 * @category waiting
 * @since 0.1.0
 */
export const realSleep = (ms: number): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), ms)
    return Effect.sync(() => clearTimeout(timer))
  })

/**
 * Polls `condition` every few milliseconds of real time until it holds; dies with `what` after `limitMs`.
 *
 * @category waiting
 * @since 0.1.0
 */
export const until = <E, R>(
  condition: Effect.Effect<boolean, E, R>,
  what: string,
  limitMs = 60_000
): Effect.Effect<void, E, R> =>
  Effect.gen(function* () {
    const deadline = Date.now() + limitMs
    while (!(yield* condition)) {
      if (Date.now() > deadline) return yield* Effect.dieMessage(`gave up waiting (${limitMs} ms) for ${what}`)
      yield* realSleep(2)
    }
  })
