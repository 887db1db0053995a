import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs placeholder:text-slate-400 focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 aria-invalid:border-red-500 disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}

/** `compact` is the small height of a select inside a row of other controls (the role picker). */
export function NativeSelect({ className, compact = false, ...props }: ComponentProps<"select"> & { compact?: boolean }) {
  return (
    <select
      className={cn(
        compact ? "h-8" : "h-10",
        "rounded-md border border-slate-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn(
        "min-h-20 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 aria-invalid:border-red-500 disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
