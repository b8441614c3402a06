// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IRewardToken} from "./interfaces/IRewardToken.sol";

/**
 * @dev "Tessera Reward" (TSR), the token annotators earn. 18 decimals, gasless approvals (ERC-2612), supply
 * created by accounts holding `MINTER_ROLE`, which the admin (`DEFAULT_ADMIN_ROLE`) grants and revokes.
 */
contract RewardToken is ERC20, ERC20Permit, AccessControl, IRewardToken {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /**
     * @dev Gives `admin` the role that grants and revokes minters. Nobody can mint until a minter is granted.
     */
    constructor(address admin) ERC20("Tessera Reward", "TSR") ERC20Permit("Tessera Reward") {
        if (admin == address(0)) {
            revert RewardTokenInvalidAdmin(admin);
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IRewardToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}
