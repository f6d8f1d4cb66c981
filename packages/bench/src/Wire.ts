/**
 * The few wire constants every benchmark process shares: the operation, the fake credentials and the page size.
 * Kept free of imports so that each client process pays nothing for it.
 *
 * @since 0.1.0
 */

/**
 * `X-Amz-Target` of the one operation the benchmarks page through.
 *
 * @category constants
 * @since 0.1.0
 */
export const target = "VoiceID.ListSpeakerEnrollmentJobs"

/**
 * Content type of every awsJson 1.0 request and response.
 *
 * @category constants
 * @since 0.1.0
 */
export const contentType = "application/x-amz-json-1.0"

/**
 * Signing region of every client.
 *
 * @category constants
 * @since 0.1.0
 */
export const region = "us-east-1"

/**
 * Signing name of Voice ID.
 *
 * @category constants
 * @since 0.1.0
 */
export const service = "voiceid"

/**
 * The fake credentials every signing client uses; the static page server never checks them.
 *
 * @category constants
 * @since 0.1.0
 */
export const credentials = { accessKeyId: "test", secretAccessKey: "test" } as const

/**
 * Page size the service allows at most for `ListSpeakerEnrollmentJobs`, and the one every client asks for.
 *
 * @category constants
 * @since 0.1.0
 */
export const pageSize = 100

/**
 * Name of the domain a standalone page server serves, and that a client process streams when given no `--domains`.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultDomainName = "default"

/**
 * The members of a job summary the benchmark clients read: the id (to prove it is a real item) and the progress
 * (summed into a checksum that proves every item was decoded once).
 *
 * @category models
 * @since 0.1.0
 */
export interface JobSummaryLike {
  readonly JobId?: string | undefined
  readonly JobProgress?: { readonly PercentComplete?: number | undefined } | undefined
}

/**
 * One page of `ListSpeakerEnrollmentJobs` as the unsigned clients read it from JSON.
 *
 * @category models
 * @since 0.1.0
 */
export interface PageLike {
  readonly JobSummaries?: ReadonlyArray<JobSummaryLike> | undefined
  readonly NextToken?: string | undefined
}

/**
 * The JSON request body of one page.
 *
 * @category constructors
 * @since 0.1.0
 */
export const requestBody = (domainId: string, maxResults: number, nextToken: string | undefined): string =>
  nextToken === undefined
    ? JSON.stringify({ DomainId: domainId, MaxResults: maxResults })
    : JSON.stringify({ DomainId: domainId, MaxResults: maxResults, NextToken: nextToken })
