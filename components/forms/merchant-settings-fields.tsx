import { Field } from "@/components/forms/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { ENVIRONMENT_LABELS, ENVIRONMENTS } from "@/lib/validation/environments";

interface Values {
  name?: string;
  environment?: string;
  usaepayBaseUrl?: string | null;
  usaepayEndpointKey?: string | null;
  clientpayBaseUrl?: string | null;
  businessTimeZone?: string | null;
  batchCloseTime?: string | null;
}

/** The account settings fields, shared by the create and edit forms. */
export function MerchantSettingsFields({ values, errors, idPrefix }: { values: Values; errors: Record<string, string[] | undefined>; idPrefix: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <Field id={id("name")} label="Name" errors={errors.name}>
        <Input id={id("name")} name="name" defaultValue={values.name ?? ""} aria-invalid={!!errors.name} required />
      </Field>
      <Field id={id("environment")} label="Environment" errors={errors.environment} hint="Emulator: the local sandbox programs. Sandbox and Production: the real hosts.">
        <NativeSelect id={id("environment")} name="environment" defaultValue={values.environment ?? "emulator"}>
          {ENVIRONMENTS.map((environment) => (
            <option key={environment} value={environment}>
              {ENVIRONMENT_LABELS[environment]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id={id("usaepayBaseUrl")} label="USAePay base URL (optional)" errors={errors.usaepayBaseUrl} hint="Leave empty to use the environment's host.">
        <Input id={id("usaepayBaseUrl")} name="usaepayBaseUrl" defaultValue={values.usaepayBaseUrl ?? ""} placeholder="https://sandbox.usaepay.com/api/v2/" aria-invalid={!!errors.usaepayBaseUrl} />
      </Field>
      <Field id={id("usaepayEndpointKey")} label="USAePay endpoint key (optional)" errors={errors.usaepayEndpointKey} hint='Replaces "v2" in the path when the merchant uses one.'>
        <Input id={id("usaepayEndpointKey")} name="usaepayEndpointKey" defaultValue={values.usaepayEndpointKey ?? ""} aria-invalid={!!errors.usaepayEndpointKey} />
      </Field>
      <Field id={id("clientpayBaseUrl")} label="ClientPay base URL (optional)" errors={errors.clientpayBaseUrl} hint="Leave empty to use the environment's host.">
        <Input id={id("clientpayBaseUrl")} name="clientpayBaseUrl" defaultValue={values.clientpayBaseUrl ?? ""} placeholder="https://api.sandbox.clientpay.com/v2" aria-invalid={!!errors.clientpayBaseUrl} />
      </Field>
      <Field id={id("businessTimeZone")} label="Business time zone (optional)" errors={errors.businessTimeZone} hint={'The overview\'s "today" and the batch cut-off are in it, e.g. America/New_York. Empty: UTC.'}>
        <Input id={id("businessTimeZone")} name="businessTimeZone" defaultValue={values.businessTimeZone ?? ""} placeholder="America/New_York" aria-invalid={!!errors.businessTimeZone} />
      </Field>
      <Field id={id("batchCloseTime")} label="Daily batch cut-off (optional)" errors={errors.batchCloseTime} hint="When the open batch closes each day, in the business time zone (24-hour, e.g. 21:30).">
        <Input id={id("batchCloseTime")} name="batchCloseTime" type="time" defaultValue={values.batchCloseTime ?? ""} aria-invalid={!!errors.batchCloseTime} />
      </Field>
    </>
  );
}
