import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  typedRoutes: false,
  // Loaded from node_modules at run time rather than bundled: native addons (webgpu's dawn.node;
  // better-sqlite3 is on Next's own list), wasm files resolved beside their package (tfjs), and
  // large libraries only server routes use (the compute engine behind the math verifiers).
  serverExternalPackages: [
    "@tensorflow/tfjs-core",
    "@tensorflow/tfjs-backend-cpu",
    "@tensorflow/tfjs-backend-wasm",
    "@tensorflow/tfjs-backend-webgpu",
    "webgpu",
    "ws",
    "@cortex-js/compute-engine",
  ],
};

export default nextConfig;
