import type { Metadata, Viewport } from 'next'

import './globals.css'

export const metadata: Metadata = {
  title: 'Flux — intent to settlement',
  description: 'Plan, authorize and settle a purchase with the Flux kernel: ranked, explained, policy-checked, verifiable.',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">Skip to results</a>
        {children}
      </body>
    </html>
  )
}
