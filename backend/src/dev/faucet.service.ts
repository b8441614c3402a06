import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HARDHAT_MNEMONIC } from '@tessera/contracts';
import { getAddress, HDNodeWallet, Interface, JsonRpcProvider, NonceManager, ZeroAddress } from 'ethers';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { ChainStateService } from '../chain/chain-state.service.js';
import { OutboxService } from '../chain/outbox.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { formatTokens } from '../rewards/domain/reward-math.js';
import { DevException } from './dev.exception.js';
import type { FaucetGrantDto } from './faucet.dto.js';
import { FaucetRepository } from './faucet.repository.js';

/**
 * The embedded chain's gas source: Hardhat's development account 18, funded at genesis and used by
 * nothing else (0 operator, 19 relayer), so its nonces are the faucet's own. A public key: the
 * faucet never runs on a real chain.
 */
const FAUCET_ACCOUNT = "m/44'/60'/0'/0/18";

const erc20 = new Interface(['function transfer(address to, uint256 amount) returns (bool)']);

/**
 * Gives a wallet gas and base tokens on the embedded chain, so that a new buyer can try a purchase:
 * gas from a development account (sent and mined before the answer), base tokens (the Ocean token
 * deployed at boot) from the operator that deployed it, through the outbox. One grant per address
 * per FAUCET_WINDOW_SECONDS, claimed before the gas is sent (a process that dies before the gas is
 * recorded leaves the claim, and that address waits out the window), and at most
 * RATE_LIMIT_FAUCET_PER_IP requests per client network (http/rate-limits.ts).
 */
@Injectable()
export class FaucetService implements OnApplicationShutdown {
  private sender: { provider: JsonRpcProvider; wallet: NonceManager } | undefined;
  /** Gas transfers go one at a time: each is mined before the next is signed. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly grants: FaucetRepository,
    private readonly outbox: OutboxService,
    private readonly state: ChainStateService,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get available(): boolean {
    return this.config.chain.rpcUrl === undefined;
  }

  async grant(rawAddress: string): Promise<FaucetGrantDto> {
    if (!this.available) throw new DevException(ErrorCode.FAUCET_UNAVAILABLE, 'The faucet only runs on the embedded development chain');
    let address: string;
    try {
      address = getAddress(rawAddress);
    } catch {
      throw new DevException(ErrorCode.VALIDATION_FAILED, `"${rawAddress}" is not an address`, 'address');
    }
    if (address === ZeroAddress) throw new DevException(ErrorCode.VALIDATION_FAILED, 'the zero address holds nothing', 'address');
    this.sender ??= this.openSender();
    // A contract without a payable receive refuses the gas (the transfer would revert): a wallet only.
    if ((await this.sender.provider.getCode(address)) !== '0x') {
      throw new DevException(ErrorCode.VALIDATION_FAILED, `${address} is a contract: the faucet funds wallets`, 'address');
    }
    const baseToken = await this.state.recorded('ocean:oceanToken');
    if (!baseToken) throw new DevException(ErrorCode.FAUCET_UNAVAILABLE, 'No Ocean base token is deployed on this chain');
    const { faucetGasWei: gasWei, faucetTokens: tokens, faucetWindowSeconds: window } = this.config.sales;
    const purpose = (grantId: number) => `faucet:${grantId}:tokens`;
    const claim = await this.grants.claim(address, window);
    if ('refusedUntil' in claim) {
      throw new DevException(
        ErrorCode.RATE_LIMITED,
        `${address} had faucet funds already; ask again after ${claim.refusedUntil.toISOString()}`,
        'address',
      );
    }
    // No database connection is held while the gas is mined: grants queue one at a time here, and a
    // crowd of them must not take the pool from the rest of the API.
    let gasTx: string;
    try {
      gasTx = await this.sendGas(address, gasWei);
    } catch (error) {
      await this.grants.forget(claim.id);
      throw error;
    }
    await this.grants.complete(claim.id, { gasWei, tokens, gasTx }, async (manager) => {
      if (tokens === 0n) return;
      await this.outbox.enqueue(manager, [
        { purpose: purpose(claim.id), to: baseToken, data: erc20.encodeFunctionData('transfer', [address, tokens]) },
      ]);
    });
    void this.outbox.kick();
    return {
      address,
      gas: formatTokens(gasWei),
      gasTxHash: gasTx,
      tokens: formatTokens(tokens),
      baseToken: getAddress(baseToken),
      tokenTxPurpose: purpose(claim.id),
      nextGrantAt: new Date(claim.at.getTime() + window * 1000).toISOString(),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.sender?.provider.destroy();
  }

  private sendGas(to: string, wei: bigint): Promise<string> {
    const send = async (): Promise<string> => {
      this.sender ??= this.openSender();
      const wallet = this.sender.wallet;
      try {
        const tx = await wallet.sendTransaction({ to, value: wei });
        const receipt = await tx.wait(1, 60_000);
        if (receipt?.status !== 1) throw new Error(`the faucet's gas transfer ${tx.hash} failed`);
        return tx.hash;
      } catch (error) {
        // NonceManager counted a nonce the chain may never have seen: the next grant asks the chain again.
        wallet.reset();
        throw error;
      }
    };
    const next = this.queue.then(send, send);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private openSender(): { provider: JsonRpcProvider; wallet: NonceManager } {
    const info = this.chain.info;
    const provider = new JsonRpcProvider(info.publicRpcUrl, info.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    return { provider, wallet: new NonceManager(HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, FAUCET_ACCOUNT).connect(provider)) };
  }
}
