"""Entry point for ``python -m generator``."""

import gc
import sys

from generator.cli import main

code = main()
# The process ends here: freezing every object spares the interpreter's final garbage
# collections over all of them (~0.1 s, a sixth of a small spec's run). Not done in main(),
# which tests call in-process.
gc.freeze()
sys.exit(code)
