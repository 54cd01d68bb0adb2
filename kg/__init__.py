"""kg: knowledge graphs from Indonesian regional-election (Pilkada) news."""

__version__ = "0.2.0"
