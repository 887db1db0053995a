-- AlterTable
ALTER TABLE "MerchantAccount" ADD COLUMN     "refundApprovalAboveCents" INTEGER;

-- AlterTable
ALTER TABLE "MirrorTransaction" ADD COLUMN     "kind" TEXT,
ADD COLUMN     "refundOfKey" TEXT;

-- CreateTable
CREATE TABLE "RefundApproval" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "transactionKey" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "reasonText" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" TEXT NOT NULL,
    "requestedByEmail" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedByEmail" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "attemptId" TEXT,
    "details" JSONB,

    CONSTRAINT "RefundApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MirrorBatch" (
    "merchantAccountId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "refnum" TEXT,
    "sequence" TEXT,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "salesCount" INTEGER,
    "salesCents" INTEGER,
    "refundsCount" INTEGER,
    "refundsCents" INTEGER,
    "voidsCount" INTEGER,
    "voidsCents" INTEGER,
    "totalCount" INTEGER,
    "netCents" INTEGER,
    "listedAt" TIMESTAMP(3),
    "detailReadAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MirrorBatch_pkey" PRIMARY KEY ("merchantAccountId","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "RefundApproval_token_key" ON "RefundApproval"("token");

-- CreateIndex
CREATE INDEX "RefundApproval_merchantAccountId_status_requestedAt_idx" ON "RefundApproval"("merchantAccountId", "status", "requestedAt");

-- CreateIndex
CREATE INDEX "RefundApproval_merchantAccountId_transactionKey_idx" ON "RefundApproval"("merchantAccountId", "transactionKey");

-- CreateIndex
CREATE INDEX "MirrorBatch_merchantAccountId_openedAt_idx" ON "MirrorBatch"("merchantAccountId", "openedAt");

-- CreateIndex
CREATE INDEX "MirrorBatch_merchantAccountId_listedAt_idx" ON "MirrorBatch"("merchantAccountId", "listedAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_kind_createdAt_idx" ON "MirrorTransaction"("merchantAccountId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_kind_outcome_amountCent_idx" ON "MirrorTransaction"("merchantAccountId", "kind", "outcome", "amountCents");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_refundOfKey_idx" ON "MirrorTransaction"("merchantAccountId", "refundOfKey");

-- AddForeignKey
ALTER TABLE "RefundApproval" ADD CONSTRAINT "RefundApproval_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MirrorBatch" ADD CONSTRAINT "MirrorBatch_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill the kind of rows mirrored before this migration (transactionKind in lib/validation/transaction-types.ts
-- decides it for new writes). Gateway refund links were not stored then, so card refunds read as
-- credits until the transactions mirror is walked again: the next sync does a full walk.
UPDATE "MirrorTransaction" SET "kind" = CASE
    WHEN "statusCode" = 'V' OR "typeCode" IN ('V', 'Z') OR ("statusCode" = 'R' AND "checkMasked" IS NULL) THEN 'void'
    WHEN "typeCode" = 'A' THEN 'auth-only'
    WHEN "typeCode" IN ('C', 'R') THEN 'credit'
    WHEN "typeCode" = 'K' THEN 'check'
    WHEN "typeCode" IN ('S', 'L') THEN 'sale'
    ELSE 'other'
END
WHERE "kind" IS NULL;
UPDATE "SyncState" SET "mode" = 'full', "cursorOffset" = 0 WHERE "resource" = 'transactions';
