"""The hostile and broken input corpus (corpus.py): generated into a temporary folder at test time."""
