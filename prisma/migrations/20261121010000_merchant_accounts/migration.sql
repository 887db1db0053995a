-- CreateTable
CREATE TABLE "MerchantAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'emulator',
    "usaepayBaseUrl" TEXT,
    "usaepayEndpointKey" TEXT,
    "clientpayBaseUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MerchantGrant" (
    "userId" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "grantedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "merchantAccountId"),
    CONSTRAINT "MerchantGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MerchantGrant_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MerchantCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantAccountId" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "keySealed" TEXT NOT NULL,
    "keyHint" TEXT NOT NULL,
    "pinSealed" TEXT NOT NULL,
    "pinHint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MerchantCredential_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InstallationSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "valueSealed" TEXT NOT NULL,
    "valueHint" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClientpayAccessId" (
    "merchantAccountId" TEXT NOT NULL PRIMARY KEY,
    "valueSealed" TEXT,
    "valueHint" TEXT,
    "state" TEXT NOT NULL DEFAULT 'unknown',
    "issuedAt" DATETIME,
    "issuedByEmail" TEXT,
    "checkedAt" DATETIME,
    "checkedByEmail" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ClientpayAccessId_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessIdRotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantAccountId" TEXT NOT NULL,
    "inFlightKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startedByEmail" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "outcome" TEXT,
    CONSTRAINT "AccessIdRotation_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MerchantAccount_slug_key" ON "MerchantAccount"("slug");

-- CreateIndex
CREATE INDEX "MerchantGrant_merchantAccountId_idx" ON "MerchantGrant"("merchantAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "MerchantCredential_merchantAccountId_gateway_slot_key" ON "MerchantCredential"("merchantAccountId", "gateway", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "AccessIdRotation_inFlightKey_key" ON "AccessIdRotation"("inFlightKey");

-- CreateIndex
CREATE INDEX "AccessIdRotation_merchantAccountId_startedAt_idx" ON "AccessIdRotation"("merchantAccountId", "startedAt");

