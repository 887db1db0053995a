-- CreateTable
CREATE TABLE "MoneyAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "targetKey" TEXT NOT NULL,
    "blockingKey" TEXT,
    "amountCents" INTEGER,
    "reasonCode" TEXT,
    "reasonText" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "actorId" TEXT,
    "actorEmail" TEXT,
    "ip" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "resultRef" TEXT,
    "resultKey" TEXT,
    "resultCode" TEXT,
    "message" TEXT,
    "requestIdSealed" TEXT,
    "reconciledAt" DATETIME,
    "reconciledByEmail" TEXT,
    "details" JSONB,
    CONSTRAINT "MoneyAttempt_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MoneyAttempt_token_key" ON "MoneyAttempt"("token");

-- CreateIndex
CREATE UNIQUE INDEX "MoneyAttempt_blockingKey_key" ON "MoneyAttempt"("blockingKey");

-- CreateIndex
CREATE INDEX "MoneyAttempt_merchantAccountId_targetKey_startedAt_idx" ON "MoneyAttempt"("merchantAccountId", "targetKey", "startedAt");

-- CreateIndex
CREATE INDEX "MoneyAttempt_merchantAccountId_status_idx" ON "MoneyAttempt"("merchantAccountId", "status");

