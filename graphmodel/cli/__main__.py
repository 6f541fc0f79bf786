"""``python -m graphmodel.cli``: the same as the ``engagemap`` command."""

from . import main

main()
