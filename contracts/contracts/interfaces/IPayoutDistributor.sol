// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @dev Pays annotators their rewards: Merkle epochs that annotators (or relayers) claim, and direct batch payments.
 */
interface IPayoutDistributor {
    /**
     * @dev Epoch `epochId` was posted with Merkle `root`, funded with `total` tokens, claimable until `expiry`.
     */
    event EpochPosted(uint256 indexed epochId, bytes32 root, uint256 total, uint64 expiry);

    /**
     * @dev Leaf `index` of epoch `epochId` paid `amount` tokens to `account`.
     */
    event Claimed(uint256 indexed epochId, uint256 index, address indexed account, uint256 amount);

    /**
     * @dev The `amount` left unclaimed in expired epoch `epochId` was sent to `to`.
     */
    event Swept(uint256 indexed epochId, address indexed to, uint256 amount);

    /**
     * @dev `payer` paid `total` tokens to `recipients` accounts in one batch.
     */
    event BatchPaid(address indexed payer, uint256 recipients, uint256 total);

    /// @dev The epoch id is already taken: epoch ids are chosen by the operator and used once.
    error PayoutDistributorEpochExists(uint256 epochId);

    /// @dev No epoch was posted under this id.
    error PayoutDistributorUnknownEpoch(uint256 epochId);

    /// @dev An epoch needs a non-zero Merkle root.
    error PayoutDistributorInvalidRoot(bytes32 root);

    /// @dev An epoch needs a non-zero total that fits in 128 bits.
    error PayoutDistributorInvalidTotal(uint256 total);

    /// @dev An epoch must expire in the future (and before 2**40 seconds).
    error PayoutDistributorInvalidExpiry(uint64 expiry, uint256 timestamp);

    /// @dev The leaf was already claimed.
    error PayoutDistributorAlreadyClaimed(uint256 epochId, uint256 index);

    /// @dev No epoch has a leaf with this index (2**32 claim words of 128 leaves at most).
    error PayoutDistributorInvalidIndex(uint256 epochId, uint256 index);

    /// @dev The proof does not prove this leaf of this epoch.
    error PayoutDistributorInvalidProof(uint256 epochId, uint256 index);

    /// @dev The claim would pay out more than the epoch holds: its tree pays more than it was funded with.
    error PayoutDistributorInsufficientFunds(uint256 epochId, uint256 amount, uint256 remaining);

    /// @dev The epoch has expired: its leaves can no longer be claimed.
    error PayoutDistributorEpochExpired(uint256 epochId, uint64 expiry);

    /// @dev The epoch has not expired yet: it cannot be swept.
    error PayoutDistributorEpochNotExpired(uint256 epochId, uint64 expiry);

    /// @dev The epoch was already swept.
    error PayoutDistributorAlreadySwept(uint256 epochId);

    /// @dev Tokens cannot be sent to the zero address.
    error PayoutDistributorInvalidRecipient(address recipient);

    /// @dev A batch needs as many amounts as recipients.
    error PayoutDistributorLengthMismatch(uint256 recipients, uint256 amounts);

    /**
     * @dev The token this distributor pays out.
     */
    function token() external view returns (IERC20);

    /**
     * @dev Posts epoch `epochId` with Merkle `root` and funds it in the same call by pulling `total` tokens from
     * the caller (who must have approved this contract). Leaves are claimable until `expiry` (exclusive).
     * Callable by the operator role only.
     */
    function postEpoch(uint256 epochId, bytes32 root, uint256 total, uint64 expiry) external;

    /**
     * @dev Pays `amount` tokens to `account` for leaf `index` of epoch `epochId`, proven by `proof`. Anyone can
     * call it (the annotator, or a relayer paying the gas): the tokens always go to `account`.
     */
    function claim(uint256 epochId, uint256 index, address account, uint256 amount, bytes32[] calldata proof) external;

    /**
     * @dev Whether leaf `index` of epoch `epochId` was claimed.
     */
    function isClaimed(uint256 epochId, uint256 index) external view returns (bool);

    /**
     * @dev The state of epoch `epochId` (a zero `expiry` means it was never posted): `unclaimed` is what a sweep
     * would send now (zero once swept).
     */
    function epoch(uint256 epochId) external view returns (bytes32 root, uint64 expiry, uint256 unclaimed, bool swept);

    /**
     * @dev Sends what is left unclaimed in epoch `epochId` to `to`, once, after the epoch's expiry. Its gas grows
     * with the epoch's size: one storage read per 128 leaves (up to the highest leaf claimed).
     * Callable by the operator role only.
     */
    function sweep(uint256 epochId, address to) external;

    /**
     * @dev Pays `amounts[i]` tokens to `recipients[i]` straight from the caller's balance (which must have
     * approved this contract); epoch funds are never touched. Callable by the operator role only.
     */
    function batchPay(address[] calldata recipients, uint256[] calldata amounts) external;
}
