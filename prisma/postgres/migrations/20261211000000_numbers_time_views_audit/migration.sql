-- AlterTable
ALTER TABLE "User" ADD COLUMN     "timeZone" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "merchantAccountId" TEXT,
ADD COLUMN     "search" TEXT;

-- AlterTable
ALTER TABLE "MerchantAccount" ADD COLUMN     "batchCloseTime" TEXT,
ADD COLUMN     "businessTimeZone" TEXT;

-- CreateTable
CREATE TABLE "TablePreference" (
    "userId" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "hiddenColumns" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TablePreference_pkey" PRIMARY KEY ("userId","table")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_table_name_key" ON "SavedView"("userId", "table", "name");

-- CreateIndex
CREATE INDEX "AuditEvent_merchantAccountId_at_idx" ON "AuditEvent"("merchantAccountId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_createdAt_resultCode_ki_idx" ON "MirrorTransaction"("merchantAccountId", "createdAt", "resultCode", "kind", "cardBrand", "amountCents");

-- AddForeignKey
ALTER TABLE "TablePreference" ADD CONSTRAINT "TablePreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

