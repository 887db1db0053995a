import { AuthCard } from "../_components/auth-card";
import { pendingStep } from "../_components/pending-step";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Two-factor sign-in" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackPath, person } = await pendingStep("mfa", (await searchParams).callbackUrl);
  return (
    <AuthCard title="Enter your code" description={`Signing in as ${person.email}. Open your authenticator app and enter the 6-digit code for Paydesk.`}>
      <VerifyForm callbackPath={callbackPath} />
    </AuthCard>
  );
}
