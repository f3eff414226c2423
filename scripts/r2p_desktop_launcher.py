"""Entry script for the frozen bundle (PyInstaller runs a file, not a package's __main__)."""

import sys

from r2p_desktop.__main__ import main

sys.exit(main())
