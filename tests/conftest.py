import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the fuzz cases are the same every run (derandomized), so a landing never depends on luck;
# on a developer's machine they are fresh each time, to keep finding new cases.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
