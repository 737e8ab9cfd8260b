"""storybot's command line."""
