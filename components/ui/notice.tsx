import type { ComponentProps } from "react";
import { clsx } from "clsx";

/**
 * An inline message. Uses role="status" (polite) or role="alert" (errors) so screen
 * readers announce it; tests find it by its data-testid, not by role, because Next's
 * route announcer also has role="alert". `className` places it (margins); the tone's own
 * classes are not overridden.
 */
export function Notice({ tone = "info", className, ...props }: ComponentProps<"div"> & { tone?: "info" | "error" | "success" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx(
        "rounded-md border px-3 py-2 text-sm",
        tone === "error" && "border-red-200 bg-red-50 text-red-800",
        tone === "success" && "border-emerald-200 bg-emerald-50 text-emerald-800",
        tone === "info" && "border-brand-100 bg-brand-50 text-brand-700",
        className,
      )}
      {...props}
    />
  );
}
