-- CreateIndex
CREATE INDEX "MirrorTransaction_merchantAccountId_syncedAt_idx" ON "MirrorTransaction"("merchantAccountId", "syncedAt");
