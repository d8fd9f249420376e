"""The commands of the command line, one module each.

Each module has ``register(subparsers)``, which adds its sub-command and options, and
``run(settings, args)``, which does the work from the resolved :class:`~generator.settings.Settings`
(``args`` only for the command's own operands, such as diff's OLD and NEW).
"""
