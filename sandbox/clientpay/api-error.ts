import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The error model of docs/clientpay-api.md, "Responses and errors": `{success: false, message, errors}` with 400 / 401 / 404.
 * Handlers throw ApiError; the app's onError turns it into that body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 500,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, errors: string[] = []) => new ApiError(400, message, errors);
export const unauthorized = (message: string, errors: string[] = []) => new ApiError(401, message, errors);
export const notFound = (message: string, errors: string[] = []) => new ApiError(404, message, errors);

export function errorResponse(c: Context, error: ApiError) {
  return c.json({ success: false, message: error.message, errors: error.errors }, error.status as ContentfulStatusCode);
}
