export { buildTree, leafHash, MerkleError, MerkleErrorCode, verify, type Hex, type RewardLeaf, type RewardTree } from './merkle-tree.js';
