import { describe, expect, it } from "vitest";
import { getMerchant, grantMerchantAccess, listAccessibleMerchants, revokeMerchantAccess } from "./merchants";
import { makeMerchant, makeViewer, META } from "./test-fixtures";

/** next/navigation's notFound() throws an error whose digest marks it as a 404. */
async function expectNotFound(promise: Promise<unknown>) {
  await expect(promise).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
}

describe("merchant access", () => {
  it("shows admins every account and others only what was granted", async () => {
    const admin = await makeViewer("ADMIN");
    const viewer = await makeViewer("VIEWER");
    const granted = await makeMerchant();
    const other = await makeMerchant();

    await grantMerchantAccess(admin, granted.id, viewer.id, META);
    const visible = (await listAccessibleMerchants(viewer)).map((merchant) => merchant.id);
    expect(visible).toContain(granted.id);
    expect(visible).not.toContain(other.id);
    expect((await listAccessibleMerchants(admin)).map((merchant) => merchant.id)).toEqual(expect.arrayContaining([granted.id, other.id]));

    await expect(getMerchant(viewer, granted.slug)).resolves.toMatchObject({ id: granted.id });
    await expectNotFound(getMerchant(viewer, other.slug));
    await expectNotFound(getMerchant(viewer, "no-such-account"));
  });

  it("answers not found at once after a revoke", async () => {
    const admin = await makeViewer("ADMIN");
    const manager = await makeViewer("MANAGER");
    const merchant = await makeMerchant();
    await grantMerchantAccess(admin, merchant.id, manager.id, META);
    await revokeMerchantAccess(admin, merchant.id, manager.id, META);
    await expectNotFound(getMerchant(manager, merchant.slug));
  });

  it("lets only admins grant", async () => {
    const manager = await makeViewer("MANAGER");
    const viewer = await makeViewer("VIEWER");
    const merchant = await makeMerchant();
    await expect(grantMerchantAccess(manager, merchant.id, viewer.id, META)).rejects.toThrow(/not allowed/);
    await expectNotFound(getMerchant(viewer, merchant.slug));
  });
});
