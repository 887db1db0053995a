-- AlterTable
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "merchantAccountId" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "search" TEXT;

-- AlterTable
ALTER TABLE "MerchantAccount" ADD COLUMN "batchCloseTime" TEXT;
ALTER TABLE "MerchantAccount" ADD COLUMN "businessTimeZone" TEXT;

-- CreateTable
CREATE TABLE "TablePreference" (
    "userId" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "hiddenColumns" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "table"),
    CONSTRAINT "TablePreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_table_name_key" ON "SavedView"("userId", "table", "name");

-- CreateIndex
CREATE INDEX "AuditEvent_merchantAccountId_at_idx" ON "AuditEvent"("merchantAccountId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_createdAt_resultCode_kind_cardBrand_amountCents_idx" ON "MirrorTransaction"("merchantAccountId", "createdAt", "resultCode", "kind", "cardBrand", "amountCents");

