-- AlterTable
ALTER TABLE "MirrorTransaction" ADD COLUMN "stateAt" DATETIME;

-- AlterTable
ALTER TABLE "UpstreamBudget" ADD COLUMN "lockedAt" DATETIME;
ALTER TABLE "UpstreamBudget" ADD COLUMN "observedAt" DATETIME;
ALTER TABLE "UpstreamBudget" ADD COLUMN "prunedAt" DATETIME;

-- CreateTable
CREATE TABLE "UpstreamCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "budgetKey" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "priority" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "UsaepayWebhookSetting" (
    "merchantAccountId" TEXT NOT NULL PRIMARY KEY,
    "signatureKeySealed" TEXT NOT NULL,
    "signatureKeyHint" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UsaepayWebhookSetting_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsaepayWebhookEvent" (
    "merchantAccountId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "triggeredAt" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "objectKey" TEXT,
    "outcome" TEXT NOT NULL,

    PRIMARY KEY ("merchantAccountId", "eventId"),
    CONSTRAINT "UsaepayWebhookEvent_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UpstreamCall_budgetKey_at_idx" ON "UpstreamCall"("budgetKey", "at");

-- CreateIndex
CREATE INDEX "UsaepayWebhookEvent_merchantAccountId_receivedAt_idx" ON "UsaepayWebhookEvent"("merchantAccountId", "receivedAt");


-- Budgets were keyed by credential row ("usaepay:<id>"); they are now keyed the way USAePay
-- counts (host, endpoint key, egress identity) and learnt again from the next answer.
DELETE FROM "UpstreamBudget";
DELETE FROM "RateLimiterFlexible" WHERE "key" LIKE 'usaepay-sync:%';
