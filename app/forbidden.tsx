import { buttonVariants } from "@/components/ui/button";

export const metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center" data-testid="forbidden">
      <p className="text-sm font-semibold uppercase tracking-wide text-red-700">403</p>
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-slate-600">Your role does not give you access to this page. Ask an administrator if you need it.</p>
      {/* A plain link, as on the not-found page: this page's client code would be in every route's first load. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
      <a href="/" className={buttonVariants({ variant: "secondary" })}>
        Back to the dashboard
      </a>
    </main>
  );
}
