import { redirect } from "next/navigation";
import { pendingEnrolment } from "@/lib/auth/two-factor";
import { AuthCard } from "../_components/auth-card";
import { pendingStep } from "../_components/pending-step";
import { EnrolForm } from "./enrol-form";

export const metadata = { title: "Set up two-factor sign-in" };

export default async function EnrolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { state, callbackPath, person } = await pendingStep("enrol", (await searchParams).callbackUrl, { allowSignedIn: true });
  const enrolment = await pendingEnrolment(person);
  // Already on (the signed-in person who came here by choice): nothing to set up.
  if (!enrolment) redirect(callbackPath);
  const required = state.kind === "pending";
  return (
    <AuthCard
      wide
      title="Set up two-factor sign-in"
      description={
        required
          ? "Your account needs a second factor before you continue. Scan the QR code with an authenticator app (Google Authenticator, 1Password, Authy, …), then enter the code it shows."
          : "Scan the QR code with an authenticator app, then enter the code it shows."
      }
    >
      <EnrolForm required={required} qrDataUrl={enrolment.qrDataUrl} manualKey={enrolment.manualKey} callbackPath={callbackPath} />
    </AuthCard>
  );
}
