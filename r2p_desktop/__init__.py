"""R2P Desktop: a committee's record of holding its government to account for atrocity prevention."""

__version__ = "0.1.0"
APP_NAME = "R2P Desktop"
