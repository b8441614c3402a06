// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @dev The Tessera reward token: an ERC-20 that holders of the minter role can mint.
 */
interface IRewardToken is IERC20 {
    /**
     * @dev The admin given to the constructor is the zero address.
     */
    error RewardTokenInvalidAdmin(address admin);

    /**
     * @dev Mints `amount` tokens to `to`. Callable by accounts holding `MINTER_ROLE` only.
     */
    function mint(address to, uint256 amount) external;
}
