// SPDX-License-Identifier: Apache-2.0
// A minimal 6-decimal ERC-20 for Flux's tests: a stand-in for Arc Testnet's USDC interface.
// Tests place its runtime bytecode at 0x3600000000000000000000000000000000000000 with
// anvil_setCode and set balances with anvil_setStorageAt (balances live in slot 0, so the
// balance of `holder` is at keccak256(pad32(holder) ++ pad32(0)); totalSupply is slot 2).
// There is no constructor and no mint: state comes only from storage writes.
pragma solidity 0.8.26;

contract FluxTestUSD {
    mapping(address => uint256) private _balances; // slot 0
    mapping(address => mapping(address => uint256)) private _allowances; // slot 1
    uint256 private _totalSupply; // slot 2

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function name() external pure returns (string memory) {
        return "Flux Test USD";
    }

    function symbol() external pure returns (string memory) {
        return "USDC";
    }

    function decimals() external pure returns (uint8) {
        return 6;
    }

    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    function balanceOf(address holder) external view returns (uint256) {
        return _balances[holder];
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        require(allowed >= value, "ERC20: insufficient allowance");
        if (allowed != type(uint256).max) {
            _allowances[from][msg.sender] = allowed - value;
        }
        _move(from, to, value);
        return true;
    }

    function _move(address from, address to, uint256 value) private {
        require(to != address(0), "ERC20: transfer to the zero address");
        uint256 have = _balances[from];
        require(have >= value, "ERC20: transfer amount exceeds balance");
        unchecked {
            _balances[from] = have - value;
        }
        _balances[to] += value;
        emit Transfer(from, to, value);
    }
}
