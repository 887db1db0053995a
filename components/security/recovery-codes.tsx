/** Recovery codes, shown once: each signs in once in place of an authenticator code. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">Your recovery codes</p>
      <p className="mt-1 text-xs text-amber-800">
        Save them somewhere safe now: they are not shown again. Each one works once, in place of a code from your app.
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}
