import { PASSWORD_MIN } from "@/lib/constants";

export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters; not a common password.`;
