import { Card, CardBody } from "@/components/ui/card";

/** An honest placeholder for a section whose feature has not been built yet. */
export function ComingSoon({ what }: { what: string }) {
  return (
    <Card>
      <CardBody>
        <p className="text-sm text-slate-600" data-testid="coming-soon">
          {what} arrive once merchant accounts and the payment gateways are connected. Nothing is shown here yet.
        </p>
      </CardBody>
    </Card>
  );
}
