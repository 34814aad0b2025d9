import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Interactions and tasks about the candidate (filled in by the CRM screens). */
export function CandidateCrmPanels({ candidateId }: { candidateId: number }) {
  void candidateId;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Interactions</h2>
          </CardTitle>
          <CardDescription>Notes, calls, emails and meetings, latest first.</CardDescription>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">No interactions recorded yet.</CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Tasks</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">No tasks for this candidate.</CardContent>
      </Card>
    </div>
  );
}
