import { Contract, ContractFactory, Signature, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { MINTER_ROLE, rewardTokenArtifact } from '../src/index.js';
import { fixture, latestTimestamp, provider, signers } from './support/hardhat.js';
import { expectRevert } from './support/reverts.js';

const deployed = fixture(async () => {
  const [admin, minter, holder, spender] = await signers(4);
  const factory = new ContractFactory(rewardTokenArtifact.abi, rewardTokenArtifact.bytecode, admin);
  const token = (await (await factory.deploy(await admin!.getAddress())).waitForDeployment()) as Contract;
  await (await token.getFunction('grantRole')(MINTER_ROLE, await minter!.getAddress())).wait();
  return { token, factory, admin: admin!, minter: minter!, holder: holder!, spender: spender! };
});

describe('RewardToken', () => {
  it('is "Tessera Reward" (TSR), 18 decimals, with no supply until a minter mints', async () => {
    const { token } = await deployed();
    expect(await token.getFunction('name')()).toBe('Tessera Reward');
    expect(await token.getFunction('symbol')()).toBe('TSR');
    expect(await token.getFunction('decimals')()).toBe(18n);
    expect(await token.getFunction('totalSupply')()).toBe(0n);
  });

  it('lets minters mint, and nobody else', async () => {
    const { token, admin, minter, holder } = await deployed();
    const to = await holder.getAddress();
    await (await (token.connect(minter) as Contract).getFunction('mint')(to, 5n)).wait();
    expect(await token.getFunction('balanceOf')(to)).toBe(5n);
    for (const outsider of [admin, holder]) {
      await expectRevert((token.connect(outsider) as Contract).getFunction('mint')(to, 1n), token, 'AccessControlUnauthorizedAccount', [
        await outsider.getAddress(),
        MINTER_ROLE,
      ]);
    }
  });

  it('lets the admin grant and revoke the minter role', async () => {
    const { token, minter, holder } = await deployed();
    const address = await minter.getAddress();
    await (await token.getFunction('revokeRole')(MINTER_ROLE, address)).wait();
    await expectRevert((token.connect(minter) as Contract).getFunction('mint')(address, 1n), token, 'AccessControlUnauthorizedAccount');
    await expectRevert(
      (token.connect(holder) as Contract).getFunction('grantRole')(MINTER_ROLE, await holder.getAddress()),
      token,
      'AccessControlUnauthorizedAccount',
    );
  });

  it('refuses the zero address as admin', async () => {
    const { token, factory } = await deployed();
    await expectRevert(factory.deploy(ZeroAddress), token, 'RewardTokenInvalidAdmin', [ZeroAddress]);
  });

  it('accepts ERC-2612 permits (gasless approvals)', async () => {
    const { token, minter, holder, spender } = await deployed();
    const owner = await holder.getAddress();
    const spenderAddress = await spender.getAddress();
    await (await (token.connect(minter) as Contract).getFunction('mint')(owner, 10n)).wait();
    const deadline = (await latestTimestamp()) + 3600;
    const { chainId } = await provider.getNetwork();
    const signature = Signature.from(
      await holder.signTypedData(
        { name: 'Tessera Reward', version: '1', chainId, verifyingContract: await token.getAddress() },
        {
          Permit: [
            { name: 'owner', type: 'address' },
            { name: 'spender', type: 'address' },
            { name: 'value', type: 'uint256' },
            { name: 'nonce', type: 'uint256' },
            { name: 'deadline', type: 'uint256' },
          ],
        },
        { owner, spender: spenderAddress, value: 7n, nonce: 0n, deadline },
      ),
    );
    const relayed = token.connect(spender) as Contract;
    await (await relayed.getFunction('permit')(owner, spenderAddress, 7n, deadline, signature.v, signature.r, signature.s)).wait();
    expect(await token.getFunction('allowance')(owner, spenderAddress)).toBe(7n);
    await (await relayed.getFunction('transferFrom')(owner, spenderAddress, 7n)).wait();
    expect(await token.getFunction('balanceOf')(spenderAddress)).toBe(7n);
  });
});
