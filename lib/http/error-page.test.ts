import { describe, expect, it } from "vitest";
import { asErrorPage, isFormPost } from "./error-page";

const form = (type: string) => new Request("http://x/api", { method: "POST", headers: { "content-type": type }, body: "a=1" });

describe("error page for HTML form posts", () => {
  it("tells a form post from a JSON request", () => {
    expect(isFormPost(form("application/x-www-form-urlencoded"))).toBe(true);
    expect(isFormPost(form("application/x-www-form-urlencoded;charset=UTF-8"))).toBe(true);
    expect(isFormPost(form("application/json"))).toBe(false);
    expect(isFormPost(form(" Application/X-WWW-Form-Urlencoded ; charset=UTF-8"))).toBe(true);
    expect(isFormPost(form("application/x-www-form-urlencodedfoo"))).toBe(false);
    expect(isFormPost(new Request("http://x/api"))).toBe(false);
  });

  it("keeps the status and headers, escapes the message, names the fields and links back", async () => {
    const json = Response.json(
      { error: { code: "validation_failed", message: "The form is not valid: <urgency>.", fields: [{ field: "urgency", message: "urgency must be one of a, b" }], id: "abc-1" } },
      { status: 400, headers: { "Retry-After": "5" } },
    );
    const page = await asErrorPage(json, { href: "/review", label: "Back to the review queue" });
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("retry-after")).toBe("5");
    const html = await page.text();
    expect(html).toContain("The form is not valid: &#60;urgency&#62;.");
    expect(html).toContain("<li>urgency: urgency must be one of a, b</li>");
    expect(html).toContain("<code>abc-1</code>");
    expect(html).toContain('<a href="/review">Back to the review queue</a>');
    expect(html).not.toMatch(/<script|style=/);
  });

  it("sends a signed-out user to sign in, and back afterwards", async () => {
    const page = await asErrorPage(Response.json({ error: { message: "Sign in to continue.", id: "x" } }, { status: 401 }), { href: "/review", label: "Back" });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('<a href="/signin?callbackUrl=%2Freview">Sign in again</a>');
  });
});
