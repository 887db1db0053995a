import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { logger } from "@/lib/logger";
import { requestMetaFrom, type RequestMeta } from "@/lib/request-meta";
import { allows, NOT_ALLOWED_MESSAGE, safeMessageOf, SIGNED_OUT_MESSAGE, type PermissionRule } from "./gate";

type RouteParams = Record<string, string | string[] | undefined>;

interface RouteDefinition<Params extends z.ZodType> {
  /** For logs: which route ran. */
  name: string;
  /** Static, or read from the parsed route params (an export's permission depends on its table). */
  permission: PermissionRule | ((params: z.infer<Params>) => PermissionRule);
  /** The dynamic segments; a value that does not parse answers 404, like a page that does not exist. */
  params: Params;
  handler: (viewer: Viewer, input: { params: z.infer<Params>; searchParams: URLSearchParams; request: Request }, meta: RequestMeta) => Promise<Response>;
}

/** AppError codes that mean something other than "your request was not acceptable". */
const STATUS_OF_CODE: Record<string, number> = { forbidden: 403, not_found: 404, too_large: 413 };

function refusal(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Every route handler is a public endpoint, so each is built here, in the shape of
 * defineAction: (a) a session is required (401), (b) the named permission is checked (403),
 * (c) the route params are parsed with zod (404 when they do not), (d) failures answer JSON
 * `{error}` whose message is always safe to show — an AppError's own, else a generic one while
 * the error is logged — and (e) notFound()/redirect() from the DAL still propagate.
 * Resource checks (this merchant account) belong to lib/dal, as for actions.
 */
export function defineRoute<Params extends z.ZodType>(definition: RouteDefinition<Params>) {
  return async function route(request: Request, context: { params: Promise<RouteParams> }): Promise<Response> {
    const viewer = await getViewer();
    if (!viewer) return refusal(401, SIGNED_OUT_MESSAGE);
    const parsed = definition.params.safeParse(await context.params);
    if (!parsed.success) return refusal(404, "Not found.");
    const rule = typeof definition.permission === "function" ? definition.permission(parsed.data) : definition.permission;
    if (!allows(viewer, rule)) {
      logger.warn({ route: definition.name, userId: viewer.id }, "route refused: missing permission");
      return refusal(403, NOT_ALLOWED_MESSAGE);
    }
    const url = new URL(request.url);
    const meta = requestMetaFrom((name) => request.headers.get(name));
    try {
      return await definition.handler(viewer, { params: parsed.data, searchParams: url.searchParams, request }, meta);
    } catch (error) {
      unstable_rethrow(error);
      const { message, code } = safeMessageOf(error, { name: definition.name, userId: viewer.id, kind: "route" });
      return refusal(code === null ? 500 : (STATUS_OF_CODE[code] ?? 400), message);
    }
  };
}

/** For routes without dynamic segments. */
export const noParams = z.object({});
