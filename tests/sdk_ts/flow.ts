// The editorial flow through openapi-fetch, typed by openapi-typescript from the live
// schema: if the schema and the server disagree, tsc --strict or a status here says so.
// Prints one JSON summary line; tests/api/v1/test_sdk_ts.py asserts on it exactly.
import createClient from "openapi-fetch";
import type { paths } from "./api";

declare const process: { env: Record<string, string | undefined>; exitCode: number };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const baseUrl = env("FACTBASE_URL");
const anonymous = createClient<paths>({ baseUrl });
const asEditor = createClient<paths>({
  baseUrl,
  headers: { Authorization: `Bearer ${env("EDITOR_TOKEN")}` },
});
const asReviewer = createClient<paths>({
  baseUrl,
  headers: { Authorization: `Bearer ${env("REVIEWER_TOKEN")}` },
});

const cursorOf = (link: string | null | undefined): string | undefined =>
  link ? (new URL(link).searchParams.get("cursor") ?? undefined) : undefined;

async function listAllClaims(): Promise<{ pages: number; ids: number[] }> {
  const ids: number[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const { data, response } = await anonymous.GET("/api/v1/claims/", {
      params: { query: { page_size: 2, ordering: "id", cursor } },
    });
    if (!data) throw new Error(`claims list: ${response.status}`);
    pages += 1;
    ids.push(...data.results.map((claim) => claim.id));
    cursor = cursorOf(data.next);
  } while (cursor !== undefined);
  return { pages, ids };
}

async function main(): Promise<void> {
  const before = await listAllClaims();

  const created = await asEditor.POST("/api/v1/articles/", {
    body: {
      title: "Hospital waits fall",
      text: env("STORY"),
      url: "https://news.example.org/waits",
    },
  });
  if (!created.data) throw new Error(`article: ${created.response.status}`);
  const claim = created.data.claims[0];
  if (!claim) throw new Error("the detector found no claim");
  const id = claim.id;
  const path = { id };

  const started = await asEditor.POST("/api/v1/claims/{id}/transitions/", {
    params: { path, header: { "If-Match": `"${claim.version}"` } },
    body: { action: "start_review" },
  });
  const stale = await asEditor.POST("/api/v1/claims/{id}/transitions/", {
    params: { path, header: { "If-Match": `"${claim.version}"` } },
    body: { action: "dismiss", note: "dup" },
  });
  const evidence = await asEditor.POST("/api/v1/claims/{id}/evidence/", {
    params: { path },
    body: {
      url: "https://nhs.example.org/waits-2024",
      stance: "supports",
      excerpt: "Median waits fell 12% year on year.",
    },
  });
  const current = await asEditor.GET("/api/v1/claims/{id}/", { params: { path } });
  const proposed = await asEditor.POST("/api/v1/claims/{id}/transitions/", {
    params: { path, header: { "If-Match": current.response.headers.get("etag") ?? "" } },
    body: {
      action: "propose",
      verdict: "mostly_true",
      summary: "The trust's own figures show an 11.8% fall.",
    },
  });
  const proposedTag = proposed.response.headers.get("etag") ?? "";
  const refused = await asEditor.POST("/api/v1/claims/{id}/transitions/", {
    params: { path, header: { "If-Match": proposedTag } },
    body: { action: "approve" },
  });
  const approved = await asReviewer.POST("/api/v1/claims/{id}/transitions/", {
    params: { path, header: { "If-Match": proposedTag } },
    body: { action: "approve" },
  });

  const after = await listAllClaims();
  const review = await anonymous.GET("/api/v1/claims/{id}/claimreview/", { params: { path } });
  const annotationSources: string[] = [];
  let annotationPages = 0;
  let cursor: string | undefined;
  do {
    const page = await anonymous.GET("/api/v1/annotations/", {
      params: { query: { uri: "https://news.example.org/waits", cursor } },
    });
    if (!page.data) throw new Error(`annotations: ${page.response.status}`);
    annotationPages += 1;
    annotationSources.push(...page.data.items.map((item) => item.target.source));
    cursor = cursorOf(page.data.next);
  } while (cursor !== undefined);
  const history = await asReviewer.GET("/api/v1/claims/{id}/history/", { params: { path } });

  const problem = (body: { status: number; title: string } | undefined) =>
    body ? { status: body.status, title: body.title } : null;
  console.log(
    JSON.stringify({
      before: { pages: before.pages, count: before.ids.length },
      article: { status: created.response.status, claims: created.data.claims.length },
      started: { status: started.response.status, claim: started.data?.status ?? null },
      stale: {
        status: stale.response.status,
        contentType: stale.response.headers.get("content-type"),
        problem: problem(stale.error),
      },
      evidence: { status: evidence.response.status },
      proposed: { status: proposed.response.status, claim: proposed.data?.status ?? null },
      refused: {
        status: refused.response.status,
        contentType: refused.response.headers.get("content-type"),
        problem: problem(refused.error),
      },
      approved: { status: approved.response.status, claim: approved.data?.status ?? null },
      after: { pages: after.pages, count: after.ids.length, includesNew: after.ids.includes(id) },
      claimReview: {
        status: review.response.status,
        claimReviewed: review.data?.claimReviewed ?? null,
        ratingValue: review.data?.reviewRating.ratingValue ?? null,
      },
      annotations: { pages: annotationPages, sources: annotationSources },
      history: {
        status: history.response.status,
        actions: history.data?.results.map((entry) => entry.action) ?? null,
      },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
