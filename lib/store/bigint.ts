// Postgres BIGINT columns (offsets, lag, bytes) cross Prisma as bigint; the app works in numbers
// (they stay below 2^53 in practice).

export function toNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

export function toBigInt(value: number | null): bigint | null {
  return value === null ? null : BigInt(Math.round(value));
}
