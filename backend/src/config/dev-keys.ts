import { HDNodeWallet } from 'ethers';

/**
 * The mnemonic Hardhat, anvil and Ganache fund their development accounts from. Its keys are
 * published in every tutorial: bots sweep any real chain for funds sent to them within seconds.
 */
const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
/** Hardhat and anvil fund 10 by default, 20 with common settings; our embedded chain funds 20. */
const DEV_ACCOUNTS = 20;

let devKeys: readonly string[] | undefined;

/** The development accounts' private keys (m/44'/60'/0'/0/i), derived once when first asked. */
function wellKnownDevKeys(): readonly string[] {
  devKeys ??= Array.from({ length: DEV_ACCOUNTS }, (_, i) =>
    HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey.toLowerCase(),
  );
  return devKeys;
}

/** Which development account this private key is, or undefined when it is not one of them. */
export function wellKnownDevKeyIndex(privateKey: string): number | undefined {
  const index = wellKnownDevKeys().indexOf(privateKey.trim().toLowerCase());
  return index === -1 ? undefined : index;
}
