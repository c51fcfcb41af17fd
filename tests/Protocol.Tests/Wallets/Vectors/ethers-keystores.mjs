// Regenerates ethers-keystores.json: keystores written by ethers (the JavaScript wallet library), to check that our
// reader unlocks files made by other software. Run from the repository root: node tests/Protocol.Tests/Wallets/Vectors/ethers-keystores.mjs
// Fixed keys and password; the salt and iv are random, so each run writes different (equally valid) files.
import { writeFileSync } from 'node:fs'
import { Wallet, HDNodeWallet, encryptKeystoreJson } from 'ethers'

const password = 'correct horse battery staple'
const plain = new Wallet('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318')
const fromPhrase = HDNodeWallet.fromPhrase('test test test test test test test test test test test junk')
const vectors = {
  password,
  // ethers' default cost is scrypt N=131072; a smaller N keeps the test fast and takes the same code path.
  scrypt: { address: plain.address, privateKey: plain.privateKey, json: JSON.parse(await encryptKeystoreJson(plain, password, { scrypt: { N: 1 << 12 } })) },
  // A wallet from a mnemonic: ethers adds its "x-ethers" section (encrypted mnemonic, path) to the file.
  mnemonic: { address: fromPhrase.address, privateKey: fromPhrase.privateKey, json: JSON.parse(await encryptKeystoreJson(fromPhrase, password, { scrypt: { N: 1 << 12 } })) }
}
writeFileSync(new URL('./ethers-keystores.json', import.meta.url), JSON.stringify(vectors, null, 2) + '\n')
