/**
 * A path whose percent-encoding does not decode (`/m/%C0%AF/transactions`, `/admin/merchants/%FF`,
 * a truncated `%E0%A4%A`). Next decodes dynamic segments with decodeURIComponent and answers a
 * bare 500 when that throws, before any page or error boundary runs, so the proxy asks this first.
 */
export function hasMalformedEncoding(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
