"""``python -m tacitus``: the ``tacitus`` command."""

from tacitus.cli import main

main()
