-- AlterTable
ALTER TABLE "MirrorTransaction" ADD COLUMN     "stateAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "UpstreamBudget" ADD COLUMN     "lockedAt" TIMESTAMP(3),
ADD COLUMN     "observedAt" TIMESTAMP(3),
ADD COLUMN     "prunedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "UpstreamCall" (
    "id" TEXT NOT NULL,
    "budgetKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "priority" TEXT NOT NULL,

    CONSTRAINT "UpstreamCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsaepayWebhookSetting" (
    "merchantAccountId" TEXT NOT NULL,
    "signatureKeySealed" TEXT NOT NULL,
    "signatureKeyHint" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsaepayWebhookSetting_pkey" PRIMARY KEY ("merchantAccountId")
);

-- CreateTable
CREATE TABLE "UsaepayWebhookEvent" (
    "merchantAccountId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "triggeredAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "objectKey" TEXT,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "UsaepayWebhookEvent_pkey" PRIMARY KEY ("merchantAccountId","eventId")
);

-- CreateIndex
CREATE INDEX "UpstreamCall_budgetKey_at_idx" ON "UpstreamCall"("budgetKey", "at");

-- CreateIndex
CREATE INDEX "UsaepayWebhookEvent_merchantAccountId_receivedAt_idx" ON "UsaepayWebhookEvent"("merchantAccountId", "receivedAt");

-- AddForeignKey
ALTER TABLE "UsaepayWebhookSetting" ADD CONSTRAINT "UsaepayWebhookSetting_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsaepayWebhookEvent" ADD CONSTRAINT "UsaepayWebhookEvent_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Budgets were keyed by credential row ("usaepay:<id>"); they are now keyed the way USAePay
-- counts (host, endpoint key, egress identity) and learnt again from the next answer.
DELETE FROM "UpstreamBudget";
DELETE FROM "RateLimiterFlexible" WHERE "key" LIKE 'usaepay-sync:%';
