import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("refuses fewer than 12 characters", async () => {
    expect(await passwordProblem("Xk9#mQ2!vL")).toMatch(/at least 12/);
  });

  it.each(["password1234", "Password123!", "qwertyuiop123", "iloveyou12345"])("refuses the common password %s", async (password) => {
    expect(await passwordProblem(password)).toMatch(/too easy to guess/);
  });

  it("refuses a password built from the person's own email", async () => {
    expect(await passwordProblem("rita.rolechange2026", { email: "rita.rolechange@paydesk.test", name: "Rita Rolechange" })).toMatch(/too easy/);
  });

  it("accepts a long, unpredictable one and never repeats it in the message", async () => {
    expect(await passwordProblem("correct horse battery staple")).toBeNull();
    const message = await passwordProblem("password1234");
    expect(message).not.toContain("password1234");
  });
});
