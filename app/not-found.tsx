import { buttonVariants } from "@/components/ui/button";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center" data-testid="not-found">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-slate-600">There is nothing here, or you do not have access to it.</p>
      {/* A plain link, not next/link: this page's client code is in every route's first load, and a full load of the dashboard is fine from here. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
      <a href="/" className={buttonVariants({ variant: "secondary" })}>
        Back to the dashboard
      </a>
    </main>
  );
}
