// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPayoutDistributor} from "./interfaces/IPayoutDistributor.sol";

/**
 * @dev Reward payouts in epochs. The operator closes an epoch off-chain, posts the Merkle root of its leaves and
 * funds it in one call; each leaf pays `amount` to `account` once, until the epoch expires, after which the
 * operator may sweep what is left. The operator can also pay accounts directly, in batches.
 *
 * Leaf `index` of epoch `epochId` is `keccak256(bytes.concat(keccak256(abi.encode(epochId, index, account,
 * amount))))`; pairs are hashed sorted (OpenZeppelin `MerkleProof`). Binding the epoch id into the leaf makes a
 * proof valid for one epoch only.
 *
 * Epoch ids are chosen by the operator (the backend's own epoch ids) and can be used once, so a retried
 * posting cannot fund an epoch twice.
 *
 * Storage is laid out for the claim, the transaction paid most often (by annotators or their relayer):
 * - the epoch's second slot, which every claim reads, also holds the claimed bits of the first 48 leaves
 *   and the epoch's `remaining` funds, which their claims decrement: small epochs never create a claim word;
 * - later leaves are recorded in claim words of 128 bits, whose upper 128 bits add up the amount claimed
 *   through them, so that a claim writes a single slot (plus the epoch's slot, once per new highest word);
 *   a sweep adds the words up (one read per 128 leaves).
 */
contract PayoutDistributor is AccessControl, IPayoutDistributor {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    uint256 private constant _EPOCH_CLAIM_BITS = 48;
    uint256 private constant _WORD_CLAIM_BITS = 128;
    uint256 private constant _WORD_CLAIM_MASK = (1 << _WORD_CLAIM_BITS) - 1;

    struct Epoch {
        bytes32 root;
        // One slot:
        uint40 expiry;
        bool swept;
        // The funding minus what leaves 0..47 claimed.
        uint128 remaining;
        // 1 + the highest claim word written: what a sweep adds up.
        uint32 claimWords;
        // Bit i: leaf i (i < 48) claimed.
        uint48 claimedBits;
    }

    IERC20 private immutable _token;

    mapping(uint256 epochId => Epoch) private _epochs;

    // Word `index / 128` of an epoch, for leaves 48 and up: bit `index % 128` set once leaf `index` is claimed,
    // bits 128..255 the amount claimed through the word.
    mapping(uint256 epochId => mapping(uint256 word => uint256)) private _claimWords;

    /**
     * @dev Pays out `token_`. `admin` grants and revokes the operator role.
     */
    constructor(IERC20 token_, address admin) {
        _token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IPayoutDistributor
    function token() external view returns (IERC20) {
        return _token;
    }

    /// @inheritdoc IPayoutDistributor
    function postEpoch(uint256 epochId, bytes32 root, uint256 total, uint64 expiry) external onlyRole(OPERATOR_ROLE) {
        if (root == bytes32(0)) {
            revert PayoutDistributorInvalidRoot(root);
        }
        if (total == 0 || total > type(uint128).max) {
            revert PayoutDistributorInvalidTotal(total);
        }
        if (expiry <= block.timestamp || expiry > type(uint40).max) {
            revert PayoutDistributorInvalidExpiry(expiry, block.timestamp);
        }
        Epoch storage e = _epochs[epochId];
        if (e.expiry != 0) {
            revert PayoutDistributorEpochExists(epochId);
        }
        e.root = root;
        e.expiry = uint40(expiry);
        e.remaining = uint128(total);
        emit EpochPosted(epochId, root, total, expiry);

        _token.safeTransferFrom(msg.sender, address(this), total);
    }

    /// @inheritdoc IPayoutDistributor
    function claim(uint256 epochId, uint256 index, address account, uint256 amount, bytes32[] calldata proof) external {
        Epoch memory e = _epochs[epochId];
        if (e.expiry == 0) {
            revert PayoutDistributorUnknownEpoch(epochId);
        }
        if (block.timestamp >= e.expiry) {
            revert PayoutDistributorEpochExpired(epochId, e.expiry);
        }
        if (index < _EPOCH_CLAIM_BITS) {
            uint48 bit = uint48(1 << index);
            if (e.claimedBits & bit != 0) {
                revert PayoutDistributorAlreadyClaimed(epochId, index);
            }
            _verify(epochId, index, account, amount, proof, e.root);
            if (amount > e.remaining) {
                revert PayoutDistributorInsufficientFunds(epochId, amount, e.remaining);
            }
            Epoch storage stored = _epochs[epochId];
            stored.remaining = e.remaining - uint128(amount);
            stored.claimedBits = e.claimedBits | bit;
        } else {
            uint256 wordIndex = index / _WORD_CLAIM_BITS;
            if (wordIndex >= type(uint32).max) {
                revert PayoutDistributorInvalidIndex(epochId, index);
            }
            uint256 word = _claimWords[epochId][wordIndex];
            uint256 bit = 1 << (index % _WORD_CLAIM_BITS);
            if (word & bit != 0) {
                revert PayoutDistributorAlreadyClaimed(epochId, index);
            }
            _verify(epochId, index, account, amount, proof, e.root);
            // No word can pay more than the epoch holds: a bound on a faulty tree, and the sum stays in 128 bits.
            uint256 claimedThroughWord = (word >> _WORD_CLAIM_BITS) + amount;
            if (claimedThroughWord > e.remaining) {
                revert PayoutDistributorInsufficientFunds(epochId, amount, e.remaining - (word >> _WORD_CLAIM_BITS));
            }
            _claimWords[epochId][wordIndex] = (claimedThroughWord << _WORD_CLAIM_BITS) | (word & _WORD_CLAIM_MASK) | bit;
            if (wordIndex >= e.claimWords) {
                _epochs[epochId].claimWords = uint32(wordIndex + 1);
            }
        }
        emit Claimed(epochId, index, account, amount);

        _token.safeTransfer(account, amount);
    }

    /// @inheritdoc IPayoutDistributor
    function isClaimed(uint256 epochId, uint256 index) external view returns (bool) {
        if (index < _EPOCH_CLAIM_BITS) {
            return _epochs[epochId].claimedBits & (1 << index) != 0;
        }
        return _claimWords[epochId][index / _WORD_CLAIM_BITS] & (1 << (index % _WORD_CLAIM_BITS)) != 0;
    }

    /// @inheritdoc IPayoutDistributor
    function epoch(uint256 epochId) external view returns (bytes32 root, uint64 expiry, uint256 unclaimed, bool swept) {
        Epoch storage e = _epochs[epochId];
        return (e.root, e.expiry, e.swept ? 0 : _unclaimed(epochId, e), e.swept);
    }

    /// @inheritdoc IPayoutDistributor
    function sweep(uint256 epochId, address to) external onlyRole(OPERATOR_ROLE) {
        if (to == address(0)) {
            revert PayoutDistributorInvalidRecipient(to);
        }
        Epoch storage e = _epochs[epochId];
        uint40 expiry = e.expiry;
        if (expiry == 0) {
            revert PayoutDistributorUnknownEpoch(epochId);
        }
        if (block.timestamp < expiry) {
            revert PayoutDistributorEpochNotExpired(epochId, expiry);
        }
        if (e.swept) {
            revert PayoutDistributorAlreadySwept(epochId);
        }
        uint256 amount = _unclaimed(epochId, e);
        e.swept = true;
        e.remaining = 0;
        emit Swept(epochId, to, amount);

        if (amount > 0) {
            _token.safeTransfer(to, amount);
        }
    }

    /// @inheritdoc IPayoutDistributor
    function batchPay(address[] calldata recipients, uint256[] calldata amounts) external onlyRole(OPERATOR_ROLE) {
        uint256 count = recipients.length;
        if (count != amounts.length) {
            revert PayoutDistributorLengthMismatch(count, amounts.length);
        }
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            total += amounts[i];
            _token.safeTransferFrom(msg.sender, recipients[i], amounts[i]);
        }
        emit BatchPaid(msg.sender, count, total);
    }

    function _verify(
        uint256 epochId,
        uint256 index,
        address account,
        uint256 amount,
        bytes32[] calldata proof,
        bytes32 root
    ) private pure {
        if (_processProof(proof, _leaf(epochId, index, account, amount)) != root) {
            revert PayoutDistributorInvalidProof(epochId, index);
        }
    }

    /**
     * @dev `keccak256(bytes.concat(keccak256(abi.encode(epochId, index, account, amount))))`, hashed in scratch
     * memory past the free memory pointer, without allocating.
     */
    function _leaf(uint256 epochId, uint256 index, address account, uint256 amount) private pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            let encoded := mload(0x40)
            mstore(encoded, epochId)
            mstore(add(encoded, 0x20), index)
            mstore(add(encoded, 0x40), and(account, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(encoded, 0x60), amount)
            mstore(0x00, keccak256(encoded, 0x80))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /**
     * @dev OpenZeppelin's `MerkleProof.processProofCalldata` (sorted pairs, as `Hashes.commutativeKeccak256`)
     * as one assembly loop: a claim walks up to log2(leaves) levels, and the library's per-level call and
     * bounds check cost more than the hashing.
     */
    function _processProof(bytes32[] calldata proof, bytes32 leaf) private pure returns (bytes32 node) {
        assembly ("memory-safe") {
            node := leaf
            let end := add(proof.offset, shl(5, proof.length))
            for {
                let p := proof.offset
            } lt(p, end) {
                p := add(p, 0x20)
            } {
                let sibling := calldataload(p)
                // The smaller of the two at 0x00, the other at 0x20.
                let siblingFirst := lt(sibling, node)
                mstore(shl(5, siblingFirst), node)
                mstore(shl(5, iszero(siblingFirst)), sibling)
                node := keccak256(0x00, 0x40)
            }
        }
    }

    /// @dev What a sweep would send: the remaining funding minus what the claim words paid.
    function _unclaimed(uint256 epochId, Epoch storage e) private view returns (uint256) {
        uint256 claimed = 0;
        uint256 claimWords = e.claimWords;
        mapping(uint256 word => uint256) storage words = _claimWords[epochId];
        for (uint256 w = 0; w < claimWords; ++w) {
            claimed += words[w] >> _WORD_CLAIM_BITS;
        }
        uint256 remaining = e.remaining;
        return remaining > claimed ? remaining - claimed : 0;
    }
}
