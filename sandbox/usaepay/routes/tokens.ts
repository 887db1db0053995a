import { Hono } from "hono";
import { BRAND_NAMES, brandOf, luhnValid, validateCard, type CardBrand } from "../cards";
import type { GateEnv } from "../gate";
import { apiError, readBody } from "../http-helpers";
import { asObject, str } from "../request-fields";
import type { EmulatorState } from "../state";

/** /tokens (docs/usaepay-api.md, "Tokens"; the dashboard does not use them): tokenize a past transaction's card, a card, or a list of cards. */
function tokenJson(number: string, cardref: string) {
  return { cardref, masked_card_number: `XXXXXXXXXXXX${number.slice(-4)}`, card_type: BRAND_NAMES[brandOf(number) as CardBrand] ?? "Unknown" };
}

export function tokenRoutes(state: EmulatorState, now: () => number): Hono<GateEnv> {
  const api = new Hono<GateEnv>();

  api.post("/tokens", async (c) => {
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const tokenize = (creditcard: unknown) => {
      const card = asObject(creditcard) ?? {};
      const number = (str(card.number) ?? "").replace(/[\s-]/g, "");
      const expiration = str(card.expiration) ?? "";
      const invalid = validateCard(number, expiration, new Date(now()), false) ?? (brandOf(number) ? undefined : { code: 14, message: "Invalid Card Number" });
      if (invalid) return { error: invalid.code === 11 || invalid.code === 12 || invalid.code === 13 || invalid.code === 14 ? "Invalid Card Number" : invalid.message };
      return { number, cardref: state.tokens.issue(number, expiration, str(card.cardholder) ?? "") };
    };
    // Bulk form: a JSON array of {creditcard} → per-item results, errors inline (docs/usaepay-api.md, "Error model", shape 3).
    if (Array.isArray(parsed.value)) {
      return c.json(parsed.value.map((item) => {
        const result = tokenize(asObject(item)?.creditcard);
        return "error" in result ? { type: "token", error: result.error } : { type: "token", key: result.cardref };
      }));
    }
    const body = asObject(parsed.value) ?? {};
    const trankey = str(body.trankey);
    if (trankey) {
      const tx = c.get("merchant").findTransaction(trankey);
      const number = tx?.tender?.kind === "card" ? tx.tender.number ?? c.get("merchant").customerAt(tx.custIndex ?? -1)?.paymentMethods.find((m) => m.masked === (tx.tender as { masked: string }).masked)?.secretNumber : undefined;
      if (!tx || !number || !luhnValid(number)) return apiError(c, 404, "Specified transactions was not found.", 20001);
      const expiration = tx.tender?.kind === "card" ? tx.tender.expiration : "";
      return c.json({ token: tokenJson(number, state.tokens.issue(number, expiration, tx.tender?.kind === "card" ? tx.tender.cardholder : "")) });
    }
    if (body.creditcard) {
      const result = tokenize(body.creditcard);
      if ("error" in result) return apiError(c, 400, result.error ?? "Invalid Card Number", 11);
      return c.json({ token: tokenJson(result.number, result.cardref) });
    }
    return apiError(c, 400, "Unable to parse request body as JSON", 21004);
  });

  api.get("/tokens/:cardref", (c) => {
    const stored = state.tokens.resolve(c.req.param("cardref"));
    if (!stored) return apiError(c, 404, "Card reference token not found", 605);
    return c.json(tokenJson(stored.number, c.req.param("cardref")));
  });

  return api;
}
