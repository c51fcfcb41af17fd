// A js-libp2p gossipsub peer driven over stdin, for the C# pubsub interop tests and benchmark.
// Usage: node gossipsub-peer.mjs [all|1.1|floodsub|nosign] [seedHex]   (nosign: publishes unsigned messages, StrictNoSign)
// Prints: "LISTEN <multiaddr>" once, then "MSG <topic> <from> <seqnoHex> <dataHex> <receivedFromPeer>" per message,
// and answers commands (one per line): dial <ma> | subscribe <t> | publish <t> <hex> | mesh <t> | peers | score <id> | ping.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { gossipsub } from '@libp2p/gossipsub'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import readline from 'node:readline'

const mode = process.argv[2] ?? 'all'
const seedHex = process.argv[3]
const hex = (bytes) => Buffer.from(bytes).toString('hex')

const options = {
  // Not started by createLibp2p: the pubsub protocol list must be restricted before the handlers are registered.
  start: false,
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    ping: ping(),
    pubsub: gossipsub({
      allowPublishToZeroTopicPeers: true,
      floodPublish: true,
      fallbackToFloodsub: true,
      globalSignaturePolicy: mode === 'nosign' ? 'StrictNoSign' : 'StrictSign',
      heartbeatInterval: 1000,
      emitSelf: false,
      // Many peers share 127.0.0.1 in these tests: switch off the IP colocation penalty (P6).
      scoreParams: { IPColocationFactorWeight: 0 }
    })
  }
}
if (seedHex != null) {
  options.privateKey = await generateKeyPairFromSeed('Ed25519', Buffer.from(seedHex, 'hex'))
}

const node = await createLibp2p(options)
const pubsub = node.services.pubsub
if (mode === '1.1') {
  pubsub.protocols = ['/meshsub/1.1.0']
} else if (mode === 'floodsub') {
  pubsub.protocols = ['/floodsub/1.0.0']
}
await node.start()

pubsub.addEventListener('gossipsub:message', (event) => {
  const { msg, propagationSource } = event.detail
  const seqno = msg.sequenceNumber == null ? '' : msg.sequenceNumber.toString(16).padStart(16, '0')
  const from = msg.type === 'signed' ? msg.from.toString() : '-'
  console.log(`MSG ${msg.topic} ${from} ${seqno} ${hex(msg.data)} ${propagationSource.toString()}`)
})

console.log(`PEERID ${node.peerId.toString()}`)
console.log(`LISTEN ${node.getMultiaddrs()[0].toString()}`)

const commands = {
  dial: async ([address]) => { await node.dial(multiaddr(address)); return 'ok' },
  subscribe: async ([topic]) => { pubsub.subscribe(topic); return 'ok' },
  unsubscribe: async ([topic]) => { pubsub.unsubscribe(topic); return 'ok' },
  publish: async ([topic, data]) => {
    const result = await pubsub.publish(topic, Buffer.from(data ?? '', 'hex'))
    return `${result.recipients.length}`
  },
  mesh: async ([topic]) => pubsub.getMeshPeers(topic).join(','),
  peers: async () => pubsub.getPeers().map((peer) => peer.toString()).join(','),
  subscribers: async ([topic]) => pubsub.getSubscribers(topic).map((peer) => peer.toString()).join(','),
  score: async ([peer]) => `${pubsub.getScore(peer)}`,
  ping: async () => 'pong'
}

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  const [command, ...args] = line.trim().split(/\s+/)
  try {
    const handler = commands[command]
    if (handler == null) throw new Error(`unknown command ${command}`)
    console.log(`OK ${command} ${await handler(args)}`)
  } catch (error) {
    console.log(`ERR ${command} ${error.message.replace(/\s+/g, ' ')}`)
  }
})
lines.on('close', async () => {
  await node.stop()
  process.exit(0)
})
