import { describe, expect, it } from "vitest";
import { serverActionBodyProblem } from "./server-action-request";

const ACTION = "7f0fcd1282763dcf4ebacee70da3182c2e4f6484c6";

function form(parts: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(parts)) data.append(name, value);
  return data;
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/admin/users", { method: "POST", body, headers });
}

/** What `useActionState` sends for a form: the arguments in part "0", the form's fields as "1_...". */
const sentByOurForm = () => form({ "1_$ACTION_REF_1": "", "1_email": "ana@example.test", "1_note": "$100 off", "0": '[{"status":"idle"},"$K1"]' });

describe("serverActionBodyProblem", () => {
  it("lets through what our forms send, with and without JavaScript, and every other request", async () => {
    expect(await serverActionBodyProblem(post(sentByOurForm(), { "next-action": ACTION }))).toBeNull();
    expect(await serverActionBodyProblem(post('[{"status":"error","values":{"note":"$$5"}},"$undefined"]', { "next-action": ACTION, "content-type": "text/plain" }))).toBeNull();
    const withoutJs = form({ "$ACTION_REF_1": "", "$ACTION_1:0": `{"id":"${ACTION}","bound":"$@1"}`, "$ACTION_1:1": '[{"status":"idle"}]', email: "a@b.c" });
    expect(await serverActionBodyProblem(post(withoutJs))).toBeNull();
    expect(await serverActionBodyProblem(new Request("http://localhost/x"))).toBeNull();
    expect(await serverActionBodyProblem(post("csrfToken=1&email=a", { "content-type": "application/x-www-form-urlencoded" }))).toBeNull();
  });

  it.each([
    ["JSON that does not parse", "{garbage", "text/plain;charset=UTF-8"],
    ["arguments that are not a list", '{"a":1}', "text/plain"],
    ["a string instead of arguments", '"hello"', "text/plain"],
    ["a reference our forms never send", '["$Q1"]', "text/plain"],
    ["a server reference", '[{"status":"idle"},"$F1"]', "text/plain"],
    ["a promise reference", '["$@9"]', "text/plain"],
    ["a truncated multipart body", "nonsense", "multipart/form-data; boundary=xyz"],
  ])("refuses a fetch action with %s", async (_what, body, type) => {
    expect(await serverActionBodyProblem(post(body, { "next-action": ACTION, "content-type": type }))).toMatch(/./);
  });

  it("refuses a multipart fetch action whose arguments part is missing or broken", async () => {
    expect(await serverActionBodyProblem(post(form({ "1_email": "a" }), { "next-action": ACTION }))).toMatch(/not JSON/);
    expect(await serverActionBodyProblem(post(form({ "0": "[1," }), { "next-action": ACTION }))).toMatch(/not JSON/);
    expect(await serverActionBodyProblem(post(form({ "0": '["$n12x"]' }), { "next-action": ACTION }))).toMatch(/reference/);
  });

  it("refuses a form action without JavaScript whose parts are broken", async () => {
    expect(await serverActionBodyProblem(post(form({ "$ACTION_REF_1": "", "$ACTION_1:0": "{nope" })))).toMatch(/not what our forms send/);
    expect(await serverActionBodyProblem(post(form({ "$ACTION_REF_1": "", "$ACTION_1:0": '{"bound":null}' })))).toMatch(/names no action/);
    expect(await serverActionBodyProblem(post("--xyz\r\nbroken", { "content-type": "multipart/form-data; boundary=xyz" }))).toMatch(/does not parse/);
  });
});
