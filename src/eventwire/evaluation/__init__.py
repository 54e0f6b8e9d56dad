"""Scoring every stage against gold data (`eventwire eval`)."""
