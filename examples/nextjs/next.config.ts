import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // The native addon is loaded by Node at run time, never bundled.
  serverExternalPackages: ['fluxos'],
  poweredByHeader: false,
  async rewrites() {
    return {
      // `GET /` is the health check for API clients (the original contract) and the dashboard for
      // browsers, which ask for HTML.
      beforeFiles: [{ source: '/', missing: [{ type: 'header', key: 'accept', value: '.*text/html.*' }], destination: '/api/health' }],
    }
  },
}

export default nextConfig
