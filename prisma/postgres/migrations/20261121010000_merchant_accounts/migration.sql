-- CreateEnum
CREATE TYPE "GatewayEnvironment" AS ENUM ('emulator', 'sandbox', 'production');

-- CreateTable
CREATE TABLE "MerchantAccount" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" "GatewayEnvironment" NOT NULL DEFAULT 'emulator',
    "usaepayBaseUrl" TEXT,
    "usaepayEndpointKey" TEXT,
    "clientpayBaseUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MerchantAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MerchantGrant" (
    "userId" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "grantedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MerchantGrant_pkey" PRIMARY KEY ("userId","merchantAccountId")
);

-- CreateTable
CREATE TABLE "MerchantCredential" (
    "id" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "keySealed" TEXT NOT NULL,
    "keyHint" TEXT NOT NULL,
    "pinSealed" TEXT NOT NULL,
    "pinHint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MerchantCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstallationSecret" (
    "name" TEXT NOT NULL,
    "valueSealed" TEXT NOT NULL,
    "valueHint" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstallationSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ClientpayAccessId" (
    "merchantAccountId" TEXT NOT NULL,
    "valueSealed" TEXT,
    "valueHint" TEXT,
    "state" TEXT NOT NULL DEFAULT 'unknown',
    "issuedAt" TIMESTAMP(3),
    "issuedByEmail" TEXT,
    "checkedAt" TIMESTAMP(3),
    "checkedByEmail" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientpayAccessId_pkey" PRIMARY KEY ("merchantAccountId")
);

-- CreateTable
CREATE TABLE "AccessIdRotation" (
    "id" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "inFlightKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startedByEmail" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "AccessIdRotation_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "MerchantGrant" ADD CONSTRAINT "MerchantGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MerchantGrant" ADD CONSTRAINT "MerchantGrant_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MerchantCredential" ADD CONSTRAINT "MerchantCredential_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientpayAccessId" ADD CONSTRAINT "ClientpayAccessId_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessIdRotation" ADD CONSTRAINT "AccessIdRotation_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

