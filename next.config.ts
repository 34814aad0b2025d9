import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // libsql and argon2 ship native binaries: load them from node_modules at run time.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // CSV imports of up to 100,000 rows travel in one request.
    serverActions: { bodySizeLimit: "32mb" },
    proxyClientMaxBodySize: "32mb",
  },
};

export default nextConfig;
