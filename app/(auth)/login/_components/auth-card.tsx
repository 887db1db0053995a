import type { ReactNode } from "react";

/** The frame of the sign-in pages: brand, title, one card. */
export function AuthCard({ title, description, children, wide = false }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-100 p-4">
      <div className={`w-full ${wide ? "max-w-lg" : "max-w-sm"} rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8`}>
        <div className="mb-6">
          <p className="text-sm font-semibold text-brand-600">Paydesk</p>
          <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
          {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
        </div>
        {children}
      </div>
    </main>
  );
}
