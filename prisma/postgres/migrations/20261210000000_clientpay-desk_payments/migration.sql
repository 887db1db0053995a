-- CreateTable
CREATE TABLE "ClientpayPayment" (
    "merchantAccountId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "paymentNumber" BIGINT NOT NULL,
    "requestIdHash" TEXT,
    "sessionId" TEXT,
    "customerRefNumber" TEXT,
    "status" TEXT NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "paidAtLocal" TEXT,
    "amountCents" INTEGER NOT NULL,
    "taxCents" INTEGER NOT NULL DEFAULT 0,
    "surchargeCents" INTEGER NOT NULL DEFAULT 0,
    "method" TEXT,
    "statusByType" INTEGER,
    "cardBrand" TEXT,
    "accountLast4" TEXT,
    "payerId" TEXT,
    "paymentMethodId" TEXT,
    "payerName" TEXT,
    "payerNameLower" TEXT,
    "payerEmail" TEXT,
    "invoiceNumbers" TEXT,
    "orderId" TEXT,
    "description" TEXT,
    "isSettled" BOOLEAN,
    "settledAt" TIMESTAMP(3),
    "refundedCents" INTEGER NOT NULL DEFAULT 0,
    "refundsJson" TEXT,
    "pageStatus" TEXT,
    "paidOnPage" BOOLEAN NOT NULL DEFAULT false,
    "lastModifiedAt" TIMESTAMP(3),
    "search" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientpayPayment_pkey" PRIMARY KEY ("merchantAccountId","paymentId")
);

-- CreateTable
CREATE TABLE "ClientpayPage" (
    "id" TEXT NOT NULL,
    "merchantAccountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestIdSealed" TEXT NOT NULL,
    "requestIdHash" TEXT NOT NULL,
    "hostedUrl" TEXT NOT NULL,
    "postbackTokenHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "payerName" TEXT,
    "payerEmail" TEXT,
    "payerId" TEXT,
    "invoicesJson" TEXT,
    "search" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL DEFAULT 0,
    "dueDate" TEXT,
    "note" TEXT,
    "optionsJson" TEXT,
    "paymentId" TEXT,
    "paidAt" TIMESTAMP(3),
    "lastPostbackAt" TIMESTAMP(3),
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closedByEmail" TEXT,

    CONSTRAINT "ClientpayPage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientpayPayer" (
    "merchantAccountId" TEXT NOT NULL,
    "payerId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayNameLower" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "businessName" TEXT,
    "email" TEXT,
    "search" TEXT NOT NULL,
    "paymentMethodsJson" TEXT,
    "detailSyncedAt" TIMESTAMP(3),
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientpayPayer_pkey" PRIMARY KEY ("merchantAccountId","payerId")
);

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_paidAt_idx" ON "ClientpayPayment"("merchantAccountId", "paidAt");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_paymentNumber_idx" ON "ClientpayPayment"("merchantAccountId", "paymentNumber");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_amountCents_idx" ON "ClientpayPayment"("merchantAccountId", "amountCents");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_status_paidAt_idx" ON "ClientpayPayment"("merchantAccountId", "status", "paidAt");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_method_paidAt_idx" ON "ClientpayPayment"("merchantAccountId", "method", "paidAt");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_payerNameLower_idx" ON "ClientpayPayment"("merchantAccountId", "payerNameLower");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_requestIdHash_idx" ON "ClientpayPayment"("merchantAccountId", "requestIdHash");

-- CreateIndex
CREATE INDEX "ClientpayPayment_merchantAccountId_payerId_paidAt_idx" ON "ClientpayPayment"("merchantAccountId", "payerId", "paidAt");

-- CreateIndex
CREATE INDEX "ClientpayPage_merchantAccountId_kind_createdAt_idx" ON "ClientpayPage"("merchantAccountId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "ClientpayPage_merchantAccountId_kind_status_idx" ON "ClientpayPage"("merchantAccountId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ClientpayPage_merchantAccountId_requestIdHash_key" ON "ClientpayPage"("merchantAccountId", "requestIdHash");

-- CreateIndex
CREATE INDEX "ClientpayPayer_merchantAccountId_displayNameLower_idx" ON "ClientpayPayer"("merchantAccountId", "displayNameLower");

-- AddForeignKey
ALTER TABLE "ClientpayPayment" ADD CONSTRAINT "ClientpayPayment_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientpayPage" ADD CONSTRAINT "ClientpayPage_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientpayPayer" ADD CONSTRAINT "ClientpayPayer_merchantAccountId_fkey" FOREIGN KEY ("merchantAccountId") REFERENCES "MerchantAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

