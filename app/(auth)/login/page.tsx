import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { getSessionState, signInCallbackPath, stagePath } from "@/lib/auth/session";
import { AuthCard } from "./_components/auth-card";
import { LoginForm } from "./_components/login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackPath = signInCallbackPath(params.callbackUrl);
  const state = await getSessionState();
  if (state.kind === "signed-in") redirect(callbackPath);
  if (state.kind === "pending") redirect(`${stagePath(state.stage)}?callbackUrl=${encodeURIComponent(callbackPath)}`);

  return (
    <AuthCard title="Sign in" description="Staff access to your merchant accounts.">
      {params.reason === "ended" && (
        <Notice tone="info" className="mb-4" data-testid="session-ended">
          Your session ended. Sign in again to go back to where you were.
        </Notice>
      )}
      <LoginForm callbackPath={callbackPath} />
    </AuthCard>
  );
}
