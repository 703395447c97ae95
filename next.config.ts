import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is on Next's built-in server-external list; nothing else native is bundled.
  typedRoutes: false,
};

export default nextConfig;
