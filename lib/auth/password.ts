import { hash, verify } from "@node-rs/argon2";

// algorithm 2 = Argon2id (the package exports it as a const enum, which isolatedModules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// A hash of a random string, verified when the account does not exist, so a wrong email
// takes as long as a wrong password and response times do not reveal who has an account.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("markbook-timing-equaliser");
  await verifyPassword(await dummyHash, password);
  return false;
}

export { passwordSchema, PASSWORD_MIN } from "./password-rules";
