import { hashString, mixSeed } from "../shared/prng";

/**
 * Public ids that encode their row index, so a key or refnum can be resolved to a generated row
 * without an index in memory. The key is a bijective scramble of the index (mod 36^9) followed
 * by check characters derived from the namespace; decoding re-encodes and compares, so keys of
 * another merchant or another kind of object never resolve.
 */
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const MODULUS = 36n ** 9n;
const MULTIPLIER = 48_271_000_001n; // odd and not divisible by 3, so invertible mod 36^9

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}
const INVERSE = modInverse(MULTIPLIER, MODULUS);

function toBase36(value: bigint, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = ALPHABET[Number(rest % 36n)] + out;
    rest /= 36n;
  }
  return out;
}

export class KeyCodec {
  private readonly offset: bigint;
  private readonly checkSeed: number;

  /** `length` is the full key length (15 for transactions/batches, 16 for customers). */
  constructor(namespace: string, private readonly length: number) {
    const seed = hashString(namespace);
    this.offset = BigInt(seed) * 7919n;
    this.checkSeed = seed;
  }

  encode(index: number): string {
    const scrambled = (BigInt(index) * MULTIPLIER + this.offset) % MODULUS;
    const body = toBase36(scrambled, 9);
    let check = "";
    let h = mixSeed(this.checkSeed, index);
    for (let i = 0; i < this.length - 9; i += 1) {
      check += ALPHABET[h % 36];
      h = mixSeed(h, i);
    }
    // Letters first reads like the real keys (they rarely start with a digit run).
    return check.slice(0, 1) + body + check.slice(1);
  }

  decode(key: string): number | undefined {
    if (key.length !== this.length || !/^[0-9a-z]+$/.test(key)) return undefined;
    let value = 0n;
    for (const char of key.slice(1, 10)) value = value * 36n + BigInt(ALPHABET.indexOf(char));
    const index = Number((((value - this.offset) % MODULUS + MODULUS) * INVERSE) % MODULUS);
    if (!Number.isSafeInteger(index) || index > 1e12) return undefined;
    return this.encode(index) === key ? index : undefined;
  }
}

/** Card-reference tokens look like "tqb9-o076-tpfk-lb8l". */
export function formatToken(raw: string): string {
  return raw.match(/.{1,4}/g)?.join("-") ?? raw;
}
