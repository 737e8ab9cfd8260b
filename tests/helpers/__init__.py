"""Helpers shared by storybot's tests: a fake embedder, file snapshots, answer checks."""
