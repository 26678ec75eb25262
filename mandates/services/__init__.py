"""Business rules: every write to the domain goes through a function here."""
