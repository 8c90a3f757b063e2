"""The IMDinett password policy, its validator, a demo TOTP generator and a CLI."""
