import type { AlertRule } from "@/lib/constants";

export const RULE_LABELS: Record<AlertRule, string> = {
  failing: "Below pass mark",
  at_risk: "Below at-risk mark",
  low_attendance: "Low attendance",
  sudden_drop: "Sudden drop",
  missing_work: "Missing work",
};
