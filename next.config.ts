import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // libsql and argon2 ship native binaries: load them from node_modules at run time.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: "20mb" },
  },
};

export default nextConfig;
