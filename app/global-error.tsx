"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100dvh" }}>
        <main style={{ textAlign: "center" }}>
          <h1>Markbook could not load</h1>
          <p>Nothing you saved is lost. {error.digest ? `Reference ${error.digest}.` : ""}</p>
          <button onClick={reset}>Try again</button>
        </main>
      </body>
    </html>
  );
}
