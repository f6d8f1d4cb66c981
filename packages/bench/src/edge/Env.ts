/**
 * The bindings the benchmark Workers read.
 *
 * @since 0.1.0
 */

/**
 * Worker environment: credentials, region and an optional endpoint override (the page server in the check).
 *
 * @category models
 * @since 0.1.0
 */
export interface WorkerEnv {
  readonly AWS_ACCESS_KEY_ID: string
  readonly AWS_SECRET_ACCESS_KEY: string
  readonly AWS_REGION: string
  readonly VOICEID_ENDPOINT?: string
}
