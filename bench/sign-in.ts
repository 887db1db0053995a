/** next-auth's credentials sign-in, as the form posts it: the cookies that carry the session (benches that load pages). */
export async function sessionCookie(base: string, user: { email: string; password: string }): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: "true" }),
    redirect: "manual",
  });
  const cookie = [jar, cookiesOf(response)].filter(Boolean).join("; ");
  if (!cookie.includes("session-token")) throw new Error(`${user.email} could not sign in (${response.status})`);
  return cookie;
}

function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}
