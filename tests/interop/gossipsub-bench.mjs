// js side of the gossipsub benchmark: N js-libp2p nodes in this process, connected as given, publishing at a fixed
// rate from seeded random nodes; prints one JSON line with latency percentiles, delivery counts and CPU time.
// Usage: node gossipsub-bench.mjs '<json: {nodes, edges:[[a,b]...], rate, messages, size, warmupMs, seed}>'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { gossipsub } from '@libp2p/gossipsub'
import { performance } from 'node:perf_hooks'

const config = JSON.parse(process.argv[2])
const topic = 'depingpu/bench'
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function random (seed) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 4294967296
  }
}

const nodes = []
for (let index = 0; index < config.nodes; index++) {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: 1000 },
    services: {
      identify: identify(),
      pubsub: gossipsub({
        allowPublishToZeroTopicPeers: true,
        floodPublish: true,
        globalSignaturePolicy: 'StrictSign',
        heartbeatInterval: 1000,
        scoreParams: { IPColocationFactorWeight: 0 }
      })
    }
  })
  await node.start()
  nodes.push(node)
}

const sent = new Map()
const latencies = []
let delivered = 0
nodes.forEach((node, index) => {
  node.services.pubsub.addEventListener('gossipsub:message', (event) => {
    const data = event.detail.msg.data
    const id = Buffer.from(data.subarray(0, 8)).readUInt32BE(0)
    const start = sent.get(id)
    if (start !== undefined) {
      latencies.push(performance.now() - start)
      delivered++
    }
  })
  node.services.pubsub.subscribe(topic)
})

for (const [a, b] of config.edges) {
  await nodes[a].dial(nodes[b].getMultiaddrs()[0])
}
await sleep(config.warmupMs)

const pick = random(config.seed)
const cpuStart = process.cpuUsage()
const interval = 1000 / config.rate
const begin = performance.now()
for (let index = 0; index < config.messages; index++) {
  const due = begin + index * interval
  const wait = due - performance.now()
  if (wait > 0) await sleep(wait)
  const data = Buffer.alloc(Math.max(8, config.size))
  data.writeUInt32BE(index, 0)
  const publisher = nodes[Math.floor(pick() * nodes.length)]
  sent.set(index, performance.now())
  await publisher.services.pubsub.publish(topic, data)
}
const achievedRate = config.messages / ((performance.now() - begin) / 1000)
const deadline = performance.now() + 5000
const expected = config.messages * (config.nodes - 1)
while (delivered < expected && performance.now() < deadline) await sleep(20)
const cpu = process.cpuUsage(cpuStart)

latencies.sort((x, y) => x - y)
const percentile = (p) => latencies.length === 0 ? null : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
console.log(JSON.stringify({
  delivered,
  expected,
  p50: percentile(0.5),
  p99: percentile(0.99),
  max: latencies.at(-1) ?? null,
  cpuMs: (cpu.user + cpu.system) / 1000,
  achievedRate
}))
await Promise.all(nodes.map((node) => node.stop()))
process.exit(0)
