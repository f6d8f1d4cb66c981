// The part of autocannon's programmatic API the load phase uses (the package ships no types).
declare module "autocannon" {
  export interface Options {
    readonly url: string
    readonly connections?: number
    readonly duration?: number
    readonly amount?: number
    readonly pipelining?: number
    readonly method?: string
    readonly headers?: Readonly<Record<string, string>>
    readonly body?: string
    readonly timeout?: number
  }
  export interface Histogram {
    readonly average: number
    readonly mean: number
    readonly stddev: number
    readonly min: number
    readonly max: number
    readonly total: number
    readonly p50: number
    readonly p90: number
    readonly p99: number
  }
  export interface Result {
    readonly duration: number
    readonly errors: number
    readonly timeouts: number
    readonly non2xx: number
    readonly "2xx": number
    readonly latency: Histogram
    readonly requests: Histogram
  }
  export interface Instance {
    /** Every completed response, with its latency in (fractional) milliseconds. */
    on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): Instance
  }
  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance
  export default autocannon
}
