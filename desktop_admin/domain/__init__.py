"""The product rules (billing-rules.md) as plain Python: standard library only."""
