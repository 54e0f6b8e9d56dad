"""`python -m eventwire.cli`: the same commands as the `eventwire` script."""

from eventwire.cli import main

main()
