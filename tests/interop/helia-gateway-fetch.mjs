// Helia light node that reads a UnixFS file or directory from one trustless HTTP gateway (ours) and prints what it read.
// Usage: node helia-gateway-fetch.mjs <gateway-url> <cid> <file|dir>
// Prints one JSON line: {"kind":"file","length":n,"sha256":hex} or {"kind":"dir","entries":[{name,cid,type,length,sha256}]}.
// Nothing leaves loopback: no delegated routers, no public gateways, no libp2p.
import { createHash } from 'node:crypto'
import { createHeliaLight } from 'helia'
import { withHTTP } from '@helia/http'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { MemoryDatastore } from 'datastore-core'

const [gateway, cid, kind] = process.argv.slice(2)
if (!gateway || !cid || !['file', 'dir'].includes(kind)) {
  console.error('usage: helia-gateway-fetch.mjs <gateway-url> <cid> <file|dir>')
  process.exit(2)
}

const helia = withHTTP(createHeliaLight({ blockstore: new MemoryBlockstore(), datastore: new MemoryDatastore() }), {
  delegatedRouters: [],
  recursiveGateways: [gateway],
  allowInsecure: true,
  allowLocal: true
})
// Helia 7.1.15 with only fallback routers never finishes findProviders(): a router that finds nothing lets it end.
helia.addRouter({ name: 'noop-router', async * findProviders () {} })
await helia.start()
const fs = unixfs(helia)

async function digest (path) {
  const hash = createHash('sha256')
  let length = 0
  for await (const chunk of fs.cat(path, { signal: AbortSignal.timeout(60000) })) {
    hash.update(chunk)
    length += chunk.length
  }
  return { length, sha256: hash.digest('hex') }
}

try {
  if (kind === 'file') {
    console.log(JSON.stringify({ kind: 'file', ...(await digest(cid)) }))
  } else {
    const entries = []
    for await (const entry of fs.ls(cid, { signal: AbortSignal.timeout(60000) })) {
      const stats = await fs.stat(entry.cid, { signal: AbortSignal.timeout(60000) })
      const item = { name: entry.name, cid: entry.cid.toString(), type: stats.type }
      if (stats.type === 'file' || stats.type === 'raw') {
        Object.assign(item, await digest(entry.cid.toString()))
      }
      entries.push(item)
    }
    console.log(JSON.stringify({ kind: 'dir', entries }))
  }
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await helia.stop()
}
