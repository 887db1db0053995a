import { AuthCard } from "../_components/auth-card";
import { pendingStep } from "../_components/pending-step";
import { NewPasswordForm } from "./new-password-form";

export const metadata = { title: "Choose a new password" };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackPath, person } = await pendingStep("password", (await searchParams).callbackUrl);
  return (
    <AuthCard title="Choose a new password" description={`${person.email} signed in with a temporary password. Choose your own to continue: at least 12 characters, not a common one.`}>
      <NewPasswordForm callbackPath={callbackPath} />
    </AuthCard>
  );
}
