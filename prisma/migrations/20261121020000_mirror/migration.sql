-- CreateTable
CREATE TABLE "MirrorCustomer" (
    "merchantAccountId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "gatewayId" INTEGER,
    "customerNumber" TEXT,
    "company" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "displayName" TEXT NOT NULL,
    "displayNameLower" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "street" TEXT,
    "city" TEXT,
    "state" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "description" TEXT,
    "search" TEXT NOT NULL,
    "paymentMethodsJson" TEXT,
    "billingSchedulesJson" TEXT,
    "detailSyncedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL,

    PRIMARY KEY ("merchantAccountId", "key"),
    CONSTRAINT "MirrorCustomer_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MirrorTransaction" (
    "merchantAccountId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "refnum" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "typeCode" TEXT,
    "typeLabel" TEXT,
    "resultCode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "statusCode" TEXT,
    "statusLabel" TEXT,
    "authCode" TEXT,
    "amountCents" INTEGER NOT NULL,
    "authAmountCents" INTEGER,
    "taxCents" INTEGER,
    "tipCents" INTEGER,
    "cardBrand" TEXT,
    "cardMasked" TEXT,
    "cardLast4" TEXT,
    "cardholder" TEXT,
    "entryMode" TEXT,
    "checkMasked" TEXT,
    "avsCode" TEXT,
    "avsLabel" TEXT,
    "cvcCode" TEXT,
    "cvcLabel" TEXT,
    "batchKey" TEXT,
    "batchRefnum" TEXT,
    "customerKey" TEXT,
    "customerEmail" TEXT,
    "invoice" TEXT,
    "orderId" TEXT,
    "description" TEXT,
    "errorMessage" TEXT,
    "search" TEXT NOT NULL,
    "syncedAt" DATETIME NOT NULL,

    PRIMARY KEY ("merchantAccountId", "key"),
    CONSTRAINT "MirrorTransaction_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncState" (
    "merchantAccountId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'idle',
    "mode" TEXT NOT NULL DEFAULT 'full',
    "cursorOffset" INTEGER NOT NULL DEFAULT 0,
    "upstreamTotal" INTEGER,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "fullCompletedAt" DATETIME,
    "lastStartedAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("merchantAccountId", "resource"),
    CONSTRAINT "SyncState_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateTable
CREATE TABLE "UpstreamBudget" (
    "budgetKey" TEXT NOT NULL PRIMARY KEY,
    "minuteLimit" INTEGER,
    "minuteRemaining" INTEGER,
    "dayLimit" INTEGER,
    "dayRemaining" INTEGER,
    "pausedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MirrorCustomer_merchantAccountId_gatewayId_idx" ON "MirrorCustomer"("merchantAccountId", "gatewayId");

-- CreateIndex
CREATE INDEX "MirrorCustomer_merchantAccountId_displayNameLower_idx" ON "MirrorCustomer"("merchantAccountId", "displayNameLower");

-- CreateIndex
CREATE INDEX "MirrorCustomer_merchantAccountId_detailSyncedAt_idx" ON "MirrorCustomer"("merchantAccountId", "detailSyncedAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_createdAt_idx" ON "MirrorTransaction"("merchantAccountId", "createdAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_amountCents_idx" ON "MirrorTransaction"("merchantAccountId", "amountCents");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_statusCode_createdAt_idx" ON "MirrorTransaction"("merchantAccountId", "statusCode", "createdAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_cardBrand_createdAt_idx" ON "MirrorTransaction"("merchantAccountId", "cardBrand", "createdAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_customerKey_createdAt_idx" ON "MirrorTransaction"("merchantAccountId", "customerKey", "createdAt");

-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_batchKey_idx" ON "MirrorTransaction"("merchantAccountId", "batchKey");

