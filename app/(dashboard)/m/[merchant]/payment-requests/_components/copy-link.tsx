"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** The hosted page's link, selectable, with a copy button and an email draft to the client. */
export function CopyLink({ url, mailto }: { url: string; mailto: string | null }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="hosted-url" className="text-sm font-medium">
        Payment link
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input id="hosted-url" value={url} readOnly onFocus={(event) => event.currentTarget.select()} className="font-mono text-xs" data-testid="hosted-url" />
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </Button>
        {mailto && (
          <a href={mailto} className="inline-flex h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-100" data-testid="email-link">
            Email it
          </a>
        )}
      </div>
      <span className="sr-only" aria-live="polite">
        {copied ? "Link copied" : ""}
      </span>
    </div>
  );
}
