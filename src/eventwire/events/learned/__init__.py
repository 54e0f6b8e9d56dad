"""The learned event stage (issue 15): candidates from the trigger table and a verb lexicon, a numpy
classifier that says for each candidate whether it reports a PLOVER event and of which type, with a
calibrated probability. Training lives in `train.py`; inference needs numpy only."""
