import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordSchema, PASSWORD_MIN } from "@/lib/auth/password-rules";

describe("password policy", () => {
  it.each(["password123", "Password1234", "qwertyuiop", "iloveyou2026!", "1234567890", "Sunshine123!", "markbook123", "football2024"])(
    "refuses the common %s",
    (p) => {
      expect(isCommonPassword(p)).toBe(true);
      const r = passwordSchema.safeParse(p);
      if (p.length >= PASSWORD_MIN) expect(r.success ? "" : r.error.issues[0].message).toMatch(/too common/);
      else expect(r.success).toBe(false);
    },
  );

  it.each(["correct-horse-battery", "a-long-enough-passphrase-42", "nikhil-password-1", "Tamarind & mango 7", "markbook-demo"])(
    "accepts the uncommon %s",
    (p) => {
      expect(isCommonPassword(p)).toBe(false);
      expect(passwordSchema.safeParse(p).success).toBe(true);
    },
  );

  it("refuses short and oversized passwords with the limit in the message", () => {
    const short = passwordSchema.safeParse("xK9#qL2");
    expect(short.success ? "" : short.error.issues[0].message).toBe(`Use at least ${PASSWORD_MIN} characters`);
    expect(passwordSchema.safeParse("x".repeat(201)).success).toBe(false);
  });
});
