"""The rule catalogue: one module per rule, named after its code (``str_02_budget_sum.py``)."""
