"""Entry point for ``python -m generator``."""

import os
import sys

from generator.cli import main

code = main()
# The process ends here, its files written: ending it at once spares the interpreter's
# teardown (final garbage collections and freeing every object of the IR and the rendered
# sources: 0.05-0.3 s). Not done in main(), which tests call in-process.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
