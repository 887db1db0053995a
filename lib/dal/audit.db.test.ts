import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { lastPage } from "@/lib/validation/table-state";
import { listAuditEvents } from "./audit";

describe("audit log data layer", () => {
  it("answers a page past the end with the last page (the log said '76–71 of 71')", async () => {
    const user = await db.user.create({ data: { email: `audit-${randomUUID()}@t.example`, name: "A", passwordHash: "x", role: "ADMIN" } });
    const viewer: Viewer = { id: user.id, email: user.email, name: user.name, role: "ADMIN" };
    for (let index = 0; index < 3; index++) await recordAuditEvent({ actor: { id: user.id, email: user.email }, action: "test.paging", targetType: "user", targetId: user.id, meta: { ip: null, userAgent: null } });
    const paged = await listAuditEvents(viewer, { page: 999_999, pageSize: 10 });
    expect(paged.page).toBe(lastPage(paged.total, 10));
    expect(paged.items.length).toBe(paged.total - (paged.page - 1) * 10);
    expect(paged.items.length).toBeGreaterThan(0);
  });
});
