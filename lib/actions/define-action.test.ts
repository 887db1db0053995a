import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, GENERIC_USER_MESSAGE, STEP_UP_REQUIRED } from "@/lib/errors";
import { IDLE, SESSION_ENDED_MESSAGE, type ActionState } from "./action-state";
import { defineAction } from "./define-action";

// The session and the request headers come from Next's request scope, which a unit test has not got.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => session.viewer }));
vi.mock("@/lib/request-meta", () => ({ currentRequestMeta: async () => ({ ip: "198.51.100.7", userAgent: "vitest" }) }));

const manager: Viewer = { id: "u1", email: "manager@example.test", name: "M", role: "MANAGER" };

const schema = z
  .object({
    name: z.string().min(2, "Enter a name."),
    amount: z.coerce.number().int("Whole cents only.").positive("Must be positive."),
    password: z.string().min(12, "Too short.").regex(/\d/, "Include a digit."),
    pin: z.string().min(4, "Enter the PIN."),
    accountKey: z.string().optional(),
    integratorKey: z.string().optional(),
    signatureKey: z.string().optional(),
    requestId: z.string().optional(),
    note: z.string().optional(),
  })
  .refine((input) => input.name !== "forbidden", { message: "That combination is not allowed." });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const handler = vi.fn(async (): Promise<ActionState> => ({ status: "success", message: "Done." }));
const action = defineAction({ name: "test", permission: "access-ids:validate", schema, handler });
const valid = { name: "Ada", amount: "500", password: "long-enough-password-1", pin: "1234" };

beforeEach(() => {
  session.viewer = manager;
  handler.mockClear();
});

describe("defineAction", () => {
  it("refuses without a session or without the permission, and never runs the handler", async () => {
    session.viewer = null;
    // The session ended: a clear message, and what was typed comes back (never the secrets).
    expect(await action(IDLE, form({ ...valid, note: "typed before the session ended" }))).toEqual({
      status: "error",
      message: SESSION_ENDED_MESSAGE,
      sessionEnded: true,
      values: { name: "Ada", amount: "500", note: "typed before the session ended" },
    });
    session.viewer = { ...manager, role: "VIEWER" };
    expect(await action(IDLE, form(valid))).toEqual({ status: "error", message: "You are not allowed to do this." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("marks a refusal for want of step-up, so the form can ask for the password", async () => {
    handler.mockRejectedValueOnce(new AppError(STEP_UP_REQUIRED, "Confirm it is you."));
    // What was typed comes back (secrets excepted), so the form can be sent again after the password.
    expect(await action(IDLE, form(valid))).toEqual({ status: "error", message: "Confirm it is you.", stepUp: true, values: expect.objectContaining({ name: valid.name }) });
  });

  it("maps each zod issue to its field (several per field kept; a form-level issue under 'form')", async () => {
    const state = await action(IDLE, form({ name: "A", amount: "-1", password: "short", pin: "1234" }));
    expect(state.status).toBe("error");
    expect(state.message).toBe("Check the highlighted fields.");
    expect(state.fieldErrors).toEqual({ name: ["Enter a name."], amount: ["Must be positive."], password: ["Too short.", "Include a digit."] });
    expect((await action(IDLE, form({ ...valid, name: "forbidden" }))).fieldErrors).toEqual({ form: ["That combination is not allowed."] });
    expect(handler).not.toHaveBeenCalled();
  });

  it("echoes what was typed so the form loses nothing, but never a secret or Next's own fields", async () => {
    const state = await action(
      IDLE,
      form({ name: "A", amount: "12", note: "keep me", password: "hunter2", pin: "9999", accountKey: "acct-secret", integratorKey: "int-secret", signatureKey: "wh-secret", requestId: "req-secret", $ACTION_ID_abc: "x" }),
    );
    expect(state.values).toEqual({ name: "A", amount: "12", note: "keep me" });
    expect(JSON.stringify(state)).not.toMatch(/hunter2|9999|acct-secret|int-secret|wh-secret|req-secret/);
  });

  it("passes the parsed input, the viewer and the request meta to the handler", async () => {
    expect(await action(IDLE, form(valid))).toEqual({ status: "success", message: "Done." });
    expect(handler).toHaveBeenCalledWith(manager, expect.objectContaining({ name: "Ada", amount: 500 }), { ip: "198.51.100.7", userAgent: "vitest" });
  });

  it("shows an AppError's message, hides anything else, and lets redirect() through", async () => {
    handler.mockRejectedValueOnce(new AppError("no_access_id", "No usable access ID."));
    // A refusal keeps what was typed too, so the form loses nothing.
    expect(await action(IDLE, form(valid))).toEqual({ status: "error", message: "No usable access ID.", values: { name: "Ada", amount: "500" } });
    handler.mockResolvedValueOnce({ status: "error", message: "Declined." });
    expect(await action(IDLE, form(valid))).toEqual({ status: "error", message: "Declined.", values: { name: "Ada", amount: "500" } });
    handler.mockRejectedValueOnce(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"));
    expect(await action(IDLE, form(valid))).toEqual({ status: "error", message: GENERIC_USER_MESSAGE });
    handler.mockImplementationOnce(async () => redirect("/admin/merchants/m1"));
    await expect(action(IDLE, form(valid))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });

  it.each([["nothing", undefined], ["a string", "name=Ada"], ["an object", { name: "Ada" }], ["a number", 7]])(
    "answers a clean error when the arguments are %s instead of a form (a hand-made POST)",
    async (_what, junk) => {
      const state = await action(IDLE, junk as unknown as FormData);
      expect(state).toEqual({ status: "error", message: "This form submission could not be read. Reload the page and try again." });
      expect(handler).not.toHaveBeenCalled();
    },
  );
});
