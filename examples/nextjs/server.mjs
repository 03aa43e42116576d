// Serves the built app (`next build`) on a loopback socket it binds itself: port 0 (or --port N),
// so the listener is certainly this process. Prints `listening http://127.0.0.1:PORT` when ready.
// Used by the tests and benchmarks; by hand, `next start` works the same.
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import next from 'next'

const args = process.argv.slice(2)
const port = Number(args[args.indexOf('--port') + 1] || 0) || 0
const host = '127.0.0.1'
const dir = fileURLToPath(new URL('.', import.meta.url))
const app = next({ dev: false, dir, hostname: host, port })
await app.prepare()
const handle = app.getRequestHandler()
const server = createServer((req, res) => handle(req, res))
server.keepAliveTimeout = 65_000
server.listen(port, host, () => {
  const { port: bound } = server.address()
  console.log(`listening http://${host}:${bound}`)
})
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)))
