"""dyadwatch: news about two states in, coded events and a relationship brief out."""

__version__ = "0.1.0"
