import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // libsql and argon2 ship native binaries: load them from node_modules at run time. The PDF
  // renderer (grade cards) loads its layout engine's WebAssembly and fonts at run time too.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2", "@react-pdf/renderer"],
  // A second build beside the first (e.g. a benchmark while tests run): NEXT_DIST_DIR=.next-bench.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` runs `npm run typecheck` (the same tsconfig) just before its build, and says so
  // with MARKBOOK_TYPECHECKED=1: that build skips Next's second pass (~20 s of the build on two
  // cores). Every other build, `npm run build` included, type-checks as usual.
  typescript: { ignoreBuildErrors: process.env.MARKBOOK_TYPECHECKED === "1" },
  typedRoutes: false,
  async headers() {
    const always = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ];
    // Browsers only honour HSTS over HTTPS; it is sent whenever the app runs in production.
    if (process.env.NODE_ENV === "production") always.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
    return [
      { source: "/:path*", headers: always },
      // Result pages (/r/…) send no-referrer from the proxy, so their token never leaks.
      { source: "/((?!r/).*)", headers: [{ key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }] },
    ];
  },
  experimental: {
    // CSV imports of up to 100,000 rows travel in one request.
    serverActions: { bodySizeLimit: "32mb" },
    proxyClientMaxBodySize: "32mb",
  },
};

export default nextConfig;
