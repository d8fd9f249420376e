"""Entry point for ``python -m generator``."""

import gc
import sys

from generator import model_worker

# Started before the generator's own imports, so that its import of datamodel-code-generator
# runs on the other core meanwhile.
model_worker.start_early()
try:
    from generator.cli import main

    code = main()
finally:
    model_worker.discard_early()
# The process ends here: freezing every object spares the interpreter's final garbage
# collections over all of them (~0.1 s, a sixth of a small spec's run). Not done in main(),
# which tests call in-process.
gc.freeze()
sys.exit(code)
