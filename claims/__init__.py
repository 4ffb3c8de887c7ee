"""Claims: what a news report says about a market move, parsed, validated and read with care."""
