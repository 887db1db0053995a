/**
 * Test-card behaviours (docs/usaepay-api.md, "Test data"; FDMS Nashville simulation) and card
 * validation order (docs/usaepay-api.md, "Error codes we map": 11–17, 85).
 */
export const AVS_TEXT: Record<string, string> = {
  YYY: "Address: Match & 5 Digit Zip: Match",
  NYZ: "Address: No Match & 5 Digit Zip: Match",
  YNA: "Address: Match & 5 Digit Zip: No Match",
  NNN: "Address: No Match & 5 Digit Zip: No Match",
  YYX: "Address: Match & 9 Digit Zip: Match",
  NYW: "Address: No Match & 9 Digit Zip: Match",
  XXW: "Card Number Not On File",
  XXU: "Address Information not verified for domestic transaction",
  XXR: "Retry / System Unavailable",
  XXS: "Service Not Supported",
  XXE: "Address Verification Not Allowed For Card Type",
  XXG: "Global Non-AVS participant",
  YYG: "International Address: Match & Zip: Not Compatible",
  GGG: "International Address: Match & Zip: Match",
  YGG: "International Address: No Compatible & Zip: Match",
  NN: "Address: No Match & 5 Digit Zip: No Match",
};

export function avsResult(code: string): { result_code: string; result: string } {
  return { result_code: code, result: AVS_TEXT[code] ?? `Unmapped AVS response (${code})` };
}

export const CVC_TEXT: Record<string, string> = {
  M: "Match",
  N: "No Match",
  P: "Not Processed",
  S: "Should be on card but not so indicated",
  U: "Issuer Not Certified",
  X: "No response from association",
};

export function cvcResult(code: string): { result_code: string; result: string } {
  return { result_code: code, result: CVC_TEXT[code] ?? "No CVV2/CVC data available for transaction." };
}

export type CardBrand = "V" | "M" | "A" | "DS";
export const BRAND_NAMES: Record<CardBrand, string> = { V: "Visa", M: "MasterCard", A: "American Express", DS: "Discover" };

export function brandOf(number: string): CardBrand | undefined {
  if (/^4/.test(number)) return "V";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "M";
  if (/^3[47]/.test(number)) return "A";
  if (/^6(011|5)/.test(number)) return "DS";
  return undefined;
}

export function maskCard(number: string): string {
  return number.slice(0, 4) + "x".repeat(Math.max(0, number.length - 8)) + number.slice(-4);
}

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export interface CardOutcome {
  avs: string;
  cvc: string;
  categoryCode: string;
  decline?: { code: number; message: string };
  /** A gateway error rather than a decline (referral). */
  error?: { code: number; message: string };
  partialPercent?: number;
  delayMs?: number;
}

const DECLINES: Record<string, { code: number; message: string }> = {
  "4000300011112220": { code: 10127, message: "Card Declined (F)" },
  "4000300001112222": { code: 10204, message: "Pickup Card (F04)" },
  "4000300211112228": { code: 10205, message: "Do not Honor (F05)" },
  "4000300311112227": { code: 10212, message: "Invalid Transaction (F12)" },
  "4000300411112226": { code: 10215, message: "Invalid Issuer (F15)" },
  "4000300511112225": { code: 10225, message: "Unable to locate Record (F25)" },
  "4000300611112224": { code: 10251, message: "Insufficient funds (F51)" },
  "4000300711112223": { code: 10255, message: "Invalid Pin (F55)" },
  "4000300811112222": { code: 10257, message: "Transaction not permitted (F57)" },
  "4000300911112221": { code: 10262, message: "Restricted Card (F62)" },
  "4000301011112228": { code: 10265, message: "Excess withdrawal count (F65)" },
  "4000301111112227": { code: 10275, message: "Allowable number of pin tries exceeded (F75)" },
  "4000301211112226": { code: 10278, message: "No checking account (F78)" },
  "4000301311112225": { code: 10297, message: "Declined for CVV failure (F97)" },
  "4000301511112223": { code: 10139, message: "Transaction declined (fp)" },
  "371122223332241": { code: 10297, message: "CVV2 No Match" },
};

const AVS_CARDS: Record<string, string> = {
  "4000100011112224": "YYY", "4000100111112223": "YYX", "4000100211112222": "NYZ", "4000100311112221": "NYW",
  "4000100411112220": "YNA", "4000100511112229": "NNN", "4000100611112228": "XXW", "4000100711112227": "XXU",
  "4000100811112226": "XXR", "4000100911112225": "XXS", "4000101011112222": "XXE", "4000101111112221": "XXG",
  "4000101211112220": "YYG", "4000101311112229": "GGG", "4000101411112228": "YGG", "4000101511112227": "NN",
  "4000101611112226": "N/A",
};

const CVC_CARDS: Record<string, string> = {
  "4000200011112222": "M", "4000200111112221": "N", "4000200211112220": "P", "4000200311112229": "S",
  "4000200411112228": "U", "4000200511112227": "X",
  "5555444433332226": "M", "5555444433332234": "N", "5555444433332242": "P", "5555444433332259": "S",
  "5555444433332267": "U", "5555444433332275": "X",
  "371122223332225": "M", "371122223332233": "",
  "6011222233332224": "M", "6011222233332232": "N", "6011222233332240": "P", "6011222233332257": "S",
  "6011222233332265": "U", "6011222233332273": "X",
};

const LEVEL_CARDS: Record<string, string> = {
  "4000700011112221": "A", "4000700111112220": "B", "4000700211112229": "C", "4000700311112228": "D",
  "4000700411112227": "G", "4000700511112226": "H", "4000700611112225": "I", "4000700711112224": "K",
  "4000700811112223": "S", "4000700911112222": "U", "4000701011112229": "G1", "4000701111112228": "G2",
  "4000701211112227": "J1", "4000701311112226": "J2", "4000701411112225": "J3", "4000701511112224": "J4",
  "4000701611112223": "K1", "4000701711112222": "S1", "4000701811112221": "S2", "4000701911112220": "S3",
};

const SLOW_CARDS: Record<string, number> = {
  "4000000011112226": 5_000, "4000000011112234": 15_000, "4000000011112242": 30_000,
  "4000000011112259": 45_000, "4000000011112267": 60_000,
};

const PARTIAL_CARDS: Record<string, number> = { "4000000011112275": 50, "4000000011112283": 75 };

export function cardOutcome(number: string, cvcSent: boolean): CardOutcome {
  const brand = brandOf(number);
  const defaultLevel = brand === "A" ? "AX" : brand === "DS" ? "DI" : brand === "M" ? "M" : "A";
  const outcome: CardOutcome = {
    avs: AVS_CARDS[number] ?? "YYY",
    cvc: CVC_CARDS[number] ?? (cvcSent ? "M" : "P"),
    categoryCode: LEVEL_CARDS[number] ?? defaultLevel,
  };
  const decline = DECLINES[number];
  if (decline) outcome.decline = decline;
  if (number === "4000300111112229") {
    outcome.error = { code: 43, message: "Transaction Requires Voice Authentication. Please Call-In." };
    outcome.avs = "";
    outcome.cvc = "";
  }
  if (SLOW_CARDS[number]) outcome.delayMs = SLOW_CARDS[number];
  if (PARTIAL_CARDS[number]) outcome.partialPercent = PARTIAL_CARDS[number];
  return outcome;
}

/** Validates number + MMYY; returns a gateway error or undefined. `now` decides expiry. */
export function validateCard(number: string, expiration: string, now: Date, allowZeroExpiry: boolean): { code: number; message: string } | undefined {
  if (!/^\d+$/.test(number)) return { code: 11, message: "Invalid Card Number (1)" };
  if (number.length < 13 || number.length > 16) return { code: 12, message: "Card Number was not between 13 and 16 digits" };
  if (!luhnValid(number)) return { code: 13, message: "Invalid Card Number (3)" };
  if (allowZeroExpiry && expiration === "0000") return undefined;
  if (!/^\d+$/.test(expiration)) return { code: 15, message: "Invalid expiration date. Must be in MMYY format. (1)" };
  if (expiration.length !== 4) return { code: 16, message: "Invalid expiration date. Must be in MMYY format. (2)" };
  const month = Number(expiration.slice(0, 2));
  const year = 2000 + Number(expiration.slice(2));
  if (month < 1 || month > 12) return { code: 85, message: "Invalid expiration date. Must be in MMYY format. (3)" };
  const endOfMonth = Date.UTC(year, month, 1);
  if (endOfMonth <= now.getTime()) return { code: 17, message: "Credit card has expired." };
  return undefined;
}
