import { z } from "zod";

// The most common passwords and the obvious ones for this product; a short list keeps out
// what an attacker tries first.
const COMMON = new Set([
  "password", "password1", "password123", "123456789", "1234567890", "12345678", "qwertyuiop", "iloveyou",
  "1q2w3e4r5t", "qwerty123", "letmein123", "welcome123", "admin12345", "administrator", "changeme123",
  "markbook123", "markbook1234", "passw0rd123", "football123", "sunshine123", "princess123", "abc1234567",
  "teacher123", "student123", "school12345", "monkey12345", "dragon12345", "trustno1234",
]);

export const PASSWORD_MIN = 10;

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters` })
  .max(200, { error: "Use at most 200 characters" })
  .refine((p) => !COMMON.has(p.toLowerCase()), { error: "This password is too common; choose another" });
