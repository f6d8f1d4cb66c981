/**
 * `aws4fetch`'s `AwsClient` (WebCrypto SigV4 over the global `fetch`) with a hand-written `NextToken` loop and its
 * retries turned off, as an edge-minded user would write it.
 *
 * @since 0.1.0
 */
import { AwsClient } from "aws4fetch"
import * as Wire from "../Wire.js"
import * as Harness from "./Harness.js"

Harness.run({
  name: "aws4fetch",
  make: ({ endpoint, pageSize }) => {
    const aws = new AwsClient({ ...Wire.credentials, service: Wire.service, region: Wire.region, retries: 0 })
    const url = endpoint + "/"
    return {
      streamJobs: async (domainId, visit) => {
        let nextToken: string | undefined
        do {
          const response = await aws.fetch(url, {
            method: "POST",
            headers: { "Content-Type": Wire.contentType, "X-Amz-Target": Wire.target },
            body: Wire.requestBody(domainId, pageSize, nextToken)
          })
          if (!response.ok) throw new Error("HTTP " + response.status + ": " + (await response.text()))
          const page = (await response.json()) as Wire.PageLike
          for (const job of page.JobSummaries ?? []) visit(job)
          nextToken = page.NextToken
        } while (nextToken !== undefined)
      }
    }
  }
})
