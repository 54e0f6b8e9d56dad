"""eventwire: political event data from news pages, every record traceable to its sentence."""

__version__ = "0.1.0"
